// The text conversations waiting or in hand, beside the call queue. The ACD offers each to a ready call-taker like
// a call (TextOffer); the one offered to this call-taker can be accepted or declined here too, and while no call
// control offers texts (takeByHand) a queued one is taken from this list.
import type { TextSession } from '@hcm112/shared';
import { useT } from '../i18n/i18n.tsx';
import type { TextState } from './useTextSessions.ts';

export function citizenLabel(session: TextSession, noName: string): string {
  return session.citizen.replace(/^sips?:/, '') || noName;
}

export interface TextSessionListProps {
  state: TextState;
  myUserId: string;
  openId: string | null;
  /** The session the ACD offers this call-taker now, if any. */
  offeredId: string | null;
  busy: boolean;
  onTake: (id: string) => void;
  onDecline: (id: string) => void;
  onOpen: (id: string) => void;
}

export function TextSessionList({
  state,
  myUserId,
  openId,
  offeredId,
  busy,
  onTake,
  onDecline,
  onOpen,
}: TextSessionListProps) {
  const t = useT();
  const sessions = Object.values(state.sessions)
    .filter((s) => s.state !== 'closed')
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const waiting = sessions.filter((s) => s.state === 'queued').length;
  return (
    <section aria-labelledby="text-heading" className="ct-texts">
      <h2 id="text-heading">
        {t('text.heading')} <span className="count">{waiting}</span>
      </h2>
      {sessions.length === 0 ? <p className="muted">{t('text.none')}</p> : null}
      <ul className="text-list">
        {sessions.map((s) => {
          const who = citizenLabel(s, t('text.noName'));
          const last = state.messages[s.id]?.filter((m) => m.sender === 'citizen').at(-1);
          return (
            <li
              key={s.id}
              className="text-row"
              data-session-id={s.id}
              data-state={s.state}
              aria-current={openId === s.id ? 'true' : undefined}
            >
              <div className="text-row-head">
                <strong>{who}</strong>
                <span className="muted">
                  {t(s.channel === 'sip' ? 'text.sip' : 'text.web')} · {t(`text.${s.state}`)}
                </span>
              </div>
              {last ? <p className="text-preview">{last.text}</p> : null}
              {s.id === offeredId ? (
                <div className="text-actions">
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={busy}
                    onClick={() => onTake(s.id)}
                  >
                    {t('text.accept')}
                  </button>
                  <button type="button" className="btn" disabled={busy} onClick={() => onDecline(s.id)}>
                    {t('text.decline')}
                  </button>
                </div>
              ) : s.state === 'queued' && state.takeByHand ? (
                <button type="button" className="btn" disabled={busy} onClick={() => onTake(s.id)}>
                  {t('text.take', { who })}
                </button>
              ) : s.state === 'queued' ? (
                <span className="muted">{t('text.waitsForReady')}</span>
              ) : s.state === 'active' && s.callTakerId === myUserId ? (
                <button type="button" className="btn" onClick={() => onOpen(s.id)}>
                  {t('text.open', { who })}
                </button>
              ) : s.callTakerName ? (
                <span className="muted">{t('text.otherTaker', { name: s.callTakerName })}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
