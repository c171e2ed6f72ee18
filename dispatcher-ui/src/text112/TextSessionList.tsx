// The text conversations waiting or in hand, beside the call queue: a call-taker takes one like a call.
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
  busy: boolean;
  onTake: (id: string) => void;
  onOpen: (id: string) => void;
}

export function TextSessionList({ state, myUserId, openId, busy, onTake, onOpen }: TextSessionListProps) {
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
              {s.state === 'queued' ? (
                <button type="button" className="btn" disabled={busy} onClick={() => onTake(s.id)}>
                  {t('text.take', { who })}
                </button>
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
