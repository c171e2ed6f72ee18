// A timeline line in the reader's language: coded lines from their parameters, a person's note (or a line written
// before codes) as it was typed.
import type { IncidentNote, NoteParams } from '@hcm112/shared';
import type { Translate } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const str = (p: NoteParams, name: string) => String(p[name] ?? '');

function legLine(t: Translate, p: NoteParams): string {
  const destination = str(p, 'destination');
  const who = p.leg === 'callback' ? t('tl.leg.callbackTo', { destination }) : destination;
  return t(`tl.leg.${str(p, 'event')}` as MessageKey, { who, reason: str(p, 'reason') || '—' });
}

function statusLine(t: Translate, p: NoteParams): string {
  const line = t('tl.unit.status', {
    callsign: str(p, 'callsign'),
    from: t(`status.${str(p, 'from')}` as MessageKey),
    to: t(`status.${str(p, 'to')}` as MessageKey),
  });
  return p.detail ? `${line} (${p.detail})` : line;
}

export function timelineText(t: Translate, n: IncidentNote): string {
  const p = n.params;
  switch (n.code) {
    case null:
      return n.text;
    case 'call.leg':
      return legLine(t, p);
    case 'unit.status':
      return statusLine(t, p);
    case 'incident.closed': {
      const line = t('tl.incident.closed', {
        disposition: t(`disposition.${str(p, 'disposition')}` as MessageKey),
      });
      return p.note ? `${line} — ${p.note}` : line;
    }
    default:
      return t(`tl.${n.code}` as MessageKey, p);
  }
}
