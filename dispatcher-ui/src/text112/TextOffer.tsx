// A text session the ACD offers this call-taker, shown like a ringing call: who, how they wrote, what they wrote
// so far, and Accept (Alt+A) or Decline. The console rings meanwhile (useOfferAlert: their state is ringing).
import type { TextMessage, TextSession } from '@hcm112/shared';
import { useT } from '../i18n/i18n.tsx';
import { citizenLabel } from './TextSessionList.tsx';

export interface TextOfferProps {
  session: TextSession;
  messages: TextMessage[];
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

export function TextOffer({ session, messages, busy, onAccept, onDecline }: TextOfferProps) {
  const t = useT();
  const who = citizenLabel(session, t('text.noName'));
  const written = messages.filter((m) => m.sender === 'citizen').slice(-3);
  return (
    <section className="text-offer" aria-labelledby="text-offer-heading" data-session-id={session.id}>
      <h2 id="text-offer-heading">
        <span aria-hidden="true" className="text-icon">
          ✉
        </span>{' '}
        {t('text.offerHeading')}
      </h2>
      <p className="text-offer-who">
        <strong>{who}</strong>{' '}
        <span className="muted">
          {t(session.channel === 'sip' ? 'text.sip' : 'text.web')} · {session.dialed}
        </span>
      </p>
      <ol className="text-offer-preview">
        {written.map((m) => (
          <li key={m.id}>{m.text}</li>
        ))}
      </ol>
      <div className="text-actions">
        <button type="button" className="btn btn-primary btn-answer" disabled={busy} onClick={onAccept}>
          {t('text.accept')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onDecline}>
          {t('text.decline')}
        </button>
      </div>
    </section>
  );
}
