// The call-taker's text work: the live sessions, the one open in the main pane, and the actions on it.
import { useCallback, useState } from 'react';
import { declineText, endText, replyText, takeText } from './api.ts';
import { useTextSessions } from './useTextSessions.ts';

export function useTextDesk() {
  const texts = useTextSessions();
  const [openId, setOpenId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { putSession, putMessage } = texts;

  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const take = (id: string) =>
    void run(async () => {
      putSession(await takeText(id));
      setOpenId(id);
    });
  const decline = (id: string) =>
    void run(async () => {
      putSession(await declineText(id));
    });
  const reply = (text: string) =>
    openId ? run(async () => putMessage(await replyText(openId, text))) : Promise.resolve(false);
  const end = () =>
    void (
      openId &&
      run(async () => {
        putSession(await endText(openId));
        setOpenId(null);
      })
    );
  const open = openId ? texts.state.sessions[openId] : undefined;
  return {
    texts,
    openId,
    open: open && open.state === 'active' ? open : undefined,
    busy,
    error,
    take,
    decline,
    reply,
    end,
    setOpenId,
  };
}
