// One text conversation in the call-taker's hands: the transcript, the reply box, ending it, and an incident
// opened from it (the incident form of a call, without the call) that keeps the transcript.
import type { Incident, TextMessage, TextSession } from '@hcm112/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { IncidentForm } from '../call-taker/IncidentForm.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { linkTextToIncident } from './api.ts';
import { citizenLabel } from './TextSessionList.tsx';

export interface TextConversationProps {
  session: TextSession;
  messages: TextMessage[];
  busy: boolean;
  error: unknown;
  onReply: (text: string) => Promise<boolean>;
  onEnd: () => void;
}

export function TextConversation({ session, messages, busy, error, onReply, onEnd }: TextConversationProps) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [incidentOpen, setIncidentOpen] = useState(false);
  const [incident, setIncident] = useState<Incident | null>(null);
  const [linkError, setLinkError] = useState<unknown>(null);
  const end = useRef<HTMLLIElement | null>(null);
  const who = citizenLabel(session, t('text.noName'));
  const count = messages.length;
  // Each new message brings the end of the transcript into view.
  useEffect(() => {
    if (count > 0) end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim() || busy) return;
    if (await onReply(draft)) setDraft('');
  };
  const linked = async (found: Incident) => {
    try {
      setIncident(await linkTextToIncident(session.id, found.id));
      setIncidentOpen(false);
    } catch (err) {
      setLinkError(err);
    }
  };

  return (
    <section className="text-conversation" aria-labelledby="text-conv-heading" data-session-id={session.id}>
      <h2 id="text-conv-heading">{t('text.conversation', { who })}</h2>
      <ol className="text-transcript" aria-live="polite">
        {messages.map((m) => (
          <li key={m.id} className={`text-msg text-${m.sender}`} data-sender={m.sender}>
            <small>
              {m.sender === 'citizen'
                ? t('text.citizen')
                : m.sender === 'system'
                  ? t('text.system')
                  : m.senderName}{' '}
              · {new Date(m.at).toLocaleTimeString()}
            </small>
            <span className="text-body">{m.text}</span>
          </li>
        ))}
        <li ref={end} aria-hidden="true" className="text-end" />
      </ol>
      {error ? <ErrorNotice error={error} /> : null}
      <form className="text-reply" onSubmit={(e) => void send(e)}>
        <label htmlFor="text-reply-box">{t('text.reply')}</label>
        <textarea
          id="text-reply-box"
          rows={2}
          maxLength={1000}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) void send(e);
          }}
        />
        <div className="text-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('text.send')}
          </button>
          <button type="button" className="btn" onClick={onEnd} disabled={busy}>
            {t('text.end')}
          </button>
          {!incident && !session.incidentId ? (
            <button type="button" className="btn" onClick={() => setIncidentOpen((o) => !o)}>
              {t('text.openIncident')}
            </button>
          ) : null}
        </div>
      </form>
      {incident ? (
        <p className="outcome" role="status" data-testid="text-incident">
          {t('text.incident', { number: incident.number })}
        </p>
      ) : null}
      {linkError ? <ErrorNotice error={linkError} /> : null}
      {incidentOpen && !incident ? (
        <IncidentForm
          call={null}
          callerPlace={null}
          onDone={(created) => void linked(created)}
          linkExisting={async (incidentId) => linkTextToIncident(session.id, incidentId)}
        />
      ) : null}
    </section>
  );
}
