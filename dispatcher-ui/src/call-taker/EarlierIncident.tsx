// The incident an earlier call from the same number belongs to: its number and dispatch status, and a button to
// link the call in hand to it (the caller is ringing again about the same event).
import type { Incident } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { IncidentStatusBadge } from '../components/badges.tsx';
import { useT } from '../i18n/i18n.tsx';
import { fetchIncident } from './own-incidents-api.ts';

export function EarlierIncident({
  incidentId,
  onLink,
}: {
  incidentId: string;
  /** Given while the call in hand may still be linked to an incident. */
  onLink?: (incident: Incident) => void;
}) {
  const t = useT();
  const [incident, setIncident] = useState<Incident | null>(null);
  useEffect(() => {
    let current = true;
    fetchIncident(incidentId).then(
      (i) => {
        if (current) setIncident(i);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [incidentId]);
  if (!incident) return <span className="muted">{t('calltaker.hadIncident')}</span>;
  return (
    <span className="earlier-incident" data-incident-id={incident.id}>
      <span className="mono">{t('earlier.incident', { number: incident.number })}</span>{' '}
      <IncidentStatusBadge status={incident.status} />
      {onLink && incident.status !== 'closed' ? (
        <button type="button" className="btn btn-small" onClick={() => onLink(incident)}>
          {t('earlier.link', { number: incident.number })}
        </button>
      ) : null}
    </span>
  );
}
