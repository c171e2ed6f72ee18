// Dispatch console: open incidents by priority and age.
import { Incident } from '@hcm112/shared';
import { z } from 'zod';
import { get } from '../api/http.ts';
import { IncidentStatusBadge, PriorityBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import {
  applyIncidentEvent,
  emptyIncidents,
  loadIncidents,
  openIncidentsByPriority,
} from '../realtime/reducers/incidents.ts';
import { useLiveState } from '../realtime/useLiveState.ts';

const IncidentsBody = z.object({ incidents: z.array(Incident) });

export function DispatchScreen({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const live = useLiveState({
    streams: ['incidents'],
    initial: emptyIncidents,
    load: async () => {
      const { incidents } = await get('/incidents?status=open', IncidentsBody);
      return () => loadIncidents(incidents);
    },
    apply: applyIncidentEvent,
  });
  const open = openIncidentsByPriority(live.state);
  return (
    <section className="screen screen-pad" aria-labelledby="dispatch-heading">
      <h1 id="dispatch-heading">{t('dispatch.heading')}</h1>
      {readOnly && <p className="muted">{t('dispatch.readOnly')}</p>}
      {live.error ? <ErrorNotice error={live.error} onRetry={live.reload} /> : null}
      <h2>{t('dispatch.incidents')}</h2>
      {open.length === 0 ? (
        <p className="empty">{t('dispatch.noIncidents')}</p>
      ) : (
        <ul className="plain-list">
          {open.map((i) => (
            <li key={i.id} className="row">
              <PriorityBadge priority={i.priority} />
              <span className="mono">{i.number}</span>
              <span>{i.location.address}</span>
              <IncidentStatusBadge status={i.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
