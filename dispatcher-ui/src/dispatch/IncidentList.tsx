// Open incidents, most urgent and oldest first; one row per incident, selectable by click or arrow keys. Those left
// without a unit past their time are flagged (escalation), and the history of closed incidents is one click away.
import type { Incident } from '@hcm112/shared';
import { IncidentStatusBadge, PriorityBadge } from '../components/badges.tsx';
import { useNow } from '../components/useNow.ts';
import { formatDuration } from '../i18n/durations.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { incidentLabel } from './labels.ts';
import type { Escalation } from './useEscalation.ts';

export function IncidentList({
  incidents,
  selectedId,
  onSelect,
  escalation,
  onHistory,
}: {
  incidents: readonly Incident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  escalation: Escalation;
  onHistory: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const now = useNow(1000);
  return (
    <section
      className="panel incident-list"
      aria-labelledby="incidents-heading"
      data-escalation-alarms={escalation.alarms}
    >
      <div className="list-head">
        <h2 id="incidents-heading" className="panel-title">
          {t('dispatch.incidents')} <span className="count">{incidents.length}</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={onHistory}>
          {t('history.open')}
        </button>
      </div>
      {escalation.escalated.size > 0 ? (
        <p className="alert-box escalation-banner" role="alert">
          <span>
            <span aria-hidden="true">⚠ </span>
            {t('escalation.count', { n: escalation.escalated.size })}
          </span>
        </p>
      ) : null}
      {incidents.length === 0 ? (
        <p className="empty">{t('dispatch.noIncidents')}</p>
      ) : (
        <ul className="plain-list" aria-label={t('dispatch.incidents')}>
          {incidents.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                className={escalation.escalated.has(i.id) ? 'incident-row escalated' : 'incident-row'}
                aria-pressed={i.id === selectedId}
                data-incident-id={i.id}
                onClick={() => onSelect(i.id)}
              >
                <span className="incident-row-top">
                  <PriorityBadge priority={i.priority} />
                  <span className="incident-type">{incidentLabel(i, lang)}</span>
                </span>
                <span className="incident-row-addr">{i.location.address || t('incident.noAddress')}</span>
                {escalation.escalated.has(i.id) ? (
                  <span className="escalation-flag" data-testid="escalation-flag">
                    <span aria-hidden="true">⚠ </span>
                    {t('escalation.flag', { age: formatDuration(t, (now - Date.parse(i.createdAt)) / 1000) })}
                  </span>
                ) : null}
                <span className="incident-row-meta">
                  <span className="mono">{i.number}</span>
                  <IncidentStatusBadge status={i.status} />
                  <span className="mono muted">
                    {formatDuration(t, (now - Date.parse(i.createdAt)) / 1000)}
                  </span>
                  <span className="muted">
                    {t('dispatch.units')}: {i.assignments.length}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
