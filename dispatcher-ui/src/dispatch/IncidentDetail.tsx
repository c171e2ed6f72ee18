// The selected incident: what and where, who is sent, and the recommended units to assign.
import type { Incident, Unit, UnitRoute } from '@hcm112/shared';
import { IncidentStatusBadge, PriorityBadge, UnitStatusBadge } from '../components/badges.tsx';
import { useNow } from '../components/useNow.ts';
import { formatDuration } from '../i18n/durations.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { etaText } from './eta-text.ts';
import { IncidentLocations } from './IncidentLocations.tsx';
import { incidentLabel, unitKindLabel } from './labels.ts';
import { Recommendations } from './Recommendations.tsx';
import type { AssignmentState } from './useAssignment.ts';

export function IncidentDetail({
  incident,
  units,
  assignment,
  routes,
  mayDispatch,
  onClose,
}: {
  incident: Incident;
  /** Live units: an assignment shows its unit's current status, not the one at assignment time. */
  units: Readonly<Record<string, Unit>>;
  assignment: AssignmentState;
  /** Routes of the units still on their way, with their ETA. */
  routes: readonly UnitRoute[];
  mayDispatch: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const now = useNow(1000);
  return (
    <section
      className="panel incident-detail"
      aria-labelledby="detail-heading"
      data-incident-id={incident.id}
    >
      <header className="detail-head">
        <div>
          <h2 id="detail-heading" className="panel-title">
            <span className="mono">{incident.number}</span> · {incidentLabel(incident, lang)}
          </h2>
          <div className="detail-badges">
            <PriorityBadge priority={incident.priority} />
            <IncidentStatusBadge status={incident.status} />
            <span className="mono muted">
              {formatDuration(t, (now - Date.parse(incident.createdAt)) / 1000)}
            </span>
          </div>
        </div>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label={t('incident.close')}>
          ✕
        </button>
      </header>
      <p className="detail-addr">
        <span aria-hidden="true">⌖ </span>
        {incident.location.address || t('incident.noAddress')}
        {incident.location.ward && <span className="muted"> · {incident.location.ward}</span>}
        {incident.location.district && <span className="muted"> · {incident.location.district}</span>}
      </p>
      {!incident.location.ward && !incident.location.district && (
        <p className="warn-line" role="alert">
          ⚠ {t('incident.outsideCity')}
        </p>
      )}
      {incident.callerNumbers.length > 0 && (
        <p className="muted">
          {t('dispatch.callers')}: <span className="mono">{incident.callerNumbers.join(', ')}</span>
        </p>
      )}
      {incident.callerName || incident.callbackNumber ? (
        <p className="muted caller-line">
          {t('edit.caller')}: <strong>{incident.callerName ?? '—'}</strong>
          {incident.callbackNumber ? (
            <>
              {' '}
              · {t('edit.callback')} <span className="mono">{incident.callbackNumber}</span>
            </>
          ) : null}
        </p>
      ) : null}
      <IncidentLocations incident={incident} />
      <h3>{t('incident.assigned')}</h3>
      {incident.assignments.length === 0 ? (
        <p className="empty">{t('incident.noneAssigned')}</p>
      ) : (
        <ul className="plain-list">
          {incident.assignments.map((a) => (
            <li key={a.unitId} className="row" data-unit-id={a.unitId}>
              <strong className="mono">{a.callsign}</strong>
              <span className="muted">{unitKindLabel(a.kind, lang)}</span>
              <UnitStatusBadge status={units[a.unitId]?.status ?? a.status} />
              <RouteEta route={routes.find((r) => r.unitId === a.unitId)} />
            </li>
          ))}
        </ul>
      )}
      <Recommendations incident={incident} state={assignment} mayDispatch={mayDispatch} />
    </section>
  );
}

function RouteEta({ route }: { route: UnitRoute | undefined }) {
  const t = useT();
  if (!route) return null;
  return (
    <span
      className={route.estimated ? 'route-eta mono estimated' : 'route-eta mono'}
      title={route.estimated ? t('eta.estimatedTitle') : undefined}
    >
      {t('incident.eta', { eta: etaText(t, route.etaSeconds, route.estimated) })}
    </span>
  );
}
