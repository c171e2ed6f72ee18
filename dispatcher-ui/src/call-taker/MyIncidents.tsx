// The incidents this call-taker opened, with their dispatch status and units, kept live: what became of the
// caller's emergency without asking the dispatcher.
import type { Incident } from '@hcm112/shared';
import { useMemo } from 'react';
import { IncidentStatusBadge, PriorityBadge, UnitStatusBadge } from '../components/badges.tsx';
import { incidentLabel } from '../dispatch/labels.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { applyIncidentEvent, emptyIncidents, loadIncidents } from '../realtime/reducers/incidents.ts';
import { useLiveState } from '../realtime/useLiveState.ts';
import { fetchOpenIncidents } from './own-incidents-api.ts';

const SHOWN = 8;

export function MyIncidents({ userId }: { userId: string }) {
  const t = useT();
  const { lang } = useLang();
  const live = useLiveState({
    streams: ['incidents'],
    initial: emptyIncidents,
    load: async () => {
      const open = await fetchOpenIncidents();
      return () => loadIncidents(open);
    },
    apply: applyIncidentEvent,
  });
  const mine = useMemo(
    () =>
      Object.values(live.state)
        .filter((i: Incident) => i.createdBy === userId)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .slice(0, SHOWN),
    [live.state, userId],
  );
  return (
    <section aria-labelledby="mine-heading" className="my-incidents">
      <h2 id="mine-heading">
        {t('mine.heading')} <span className="count">{mine.length}</span>
      </h2>
      {mine.length === 0 ? (
        <p className="empty">{t('mine.none')}</p>
      ) : (
        <ul className="plain-list">
          {mine.map((i) => (
            <li key={i.id} className="my-incident" data-incident-id={i.id}>
              <div className="row">
                <PriorityBadge priority={i.priority} />
                <strong className="mono">{i.number}</strong>
                <IncidentStatusBadge status={i.status} />
              </div>
              <div className="muted">
                {incidentLabel(i, lang)} · {i.location.address}
              </div>
              <div className="my-incident-units">
                {i.assignments.length === 0 ? (
                  <span className="muted">{t('mine.noUnit')}</span>
                ) : (
                  i.assignments.map((a) => (
                    <span key={a.unitId} className="nowrap">
                      <span className="mono">{a.callsign}</span> <UnitStatusBadge status={a.status} />{' '}
                    </span>
                  ))
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
