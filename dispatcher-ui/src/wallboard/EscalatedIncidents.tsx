// Open incidents still without a unit past their time (escalation), for the room to see; sounds once per new one.
import type { Incident } from '@hcm112/shared';
import { PriorityBadge } from '../components/badges.tsx';
import { useNow } from '../components/useNow.ts';
import { incidentLabel } from '../dispatch/labels.ts';
import { useEscalation } from '../dispatch/useEscalation.ts';
import { formatDuration } from '../i18n/durations.ts';
import { useLang, useT } from '../i18n/i18n.tsx';

export function EscalatedIncidents({ incidents }: { incidents: readonly Incident[] }) {
  const t = useT();
  const { lang } = useLang();
  const now = useNow(1000);
  const { escalated, alarms } = useEscalation(incidents);
  const shown = incidents.filter((i) => escalated.has(i.id));
  return (
    <section
      aria-labelledby="wb-escalated"
      className={shown.length > 0 ? 'wb-escalated bad' : 'wb-escalated'}
      data-escalation-alarms={alarms}
    >
      <h2 id="wb-escalated">
        <span aria-hidden="true">⚠ </span>
        {t('escalation.wallboard')} <span className="count">{shown.length}</span>
      </h2>
      {shown.length === 0 ? (
        <p className="muted">{t('escalation.none')}</p>
      ) : (
        <ul className="plain-list">
          {shown.map((i) => (
            <li key={i.id} className="row wb-escalated-row" data-incident-id={i.id}>
              <PriorityBadge priority={i.priority} />
              <strong className="mono">{i.number}</strong>
              <span>{incidentLabel(i, lang)}</span>
              <span className="muted">{i.location.address}</span>
              <span className="escalation-flag">
                {t('escalation.flag', { age: formatDuration(t, (now - Date.parse(i.createdAt)) / 1000) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
