// Open incidents, most urgent and oldest first; one row per incident, selectable by click or arrow keys.
import type { Incident } from '@hcm112/shared';
import { IncidentStatusBadge, PriorityBadge } from '../components/badges.tsx';
import { useNow } from '../components/useNow.ts';
import { formatDuration } from '../i18n/durations.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { incidentLabel } from './labels.ts';

export function IncidentList({
  incidents,
  selectedId,
  onSelect,
}: {
  incidents: readonly Incident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const now = useNow(1000);
  return (
    <section className="panel incident-list" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading" className="panel-title">
        {t('dispatch.incidents')} <span className="count">{incidents.length}</span>
      </h2>
      {incidents.length === 0 ? (
        <p className="empty">{t('dispatch.noIncidents')}</p>
      ) : (
        <ul className="plain-list" aria-label={t('dispatch.incidents')}>
          {incidents.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                className="incident-row"
                aria-pressed={i.id === selectedId}
                data-incident-id={i.id}
                onClick={() => onSelect(i.id)}
              >
                <span className="incident-row-top">
                  <PriorityBadge priority={i.priority} />
                  <span className="incident-type">{incidentLabel(i, lang)}</span>
                </span>
                <span className="incident-row-addr">{i.location.address || t('incident.noAddress')}</span>
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
