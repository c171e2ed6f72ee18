// Recommended units with ETA and distance, each assignable with one click (or Alt+its number), "assign all" behind
// a confirmation, the undo offer after an assignment, and the conflict when another dispatcher took a unit first.
import type { Incident } from '@hcm112/shared';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLang, useT } from '../i18n/i18n.tsx';
import { AssignAllDialog, UndoToast } from './AssignSafeguards.tsx';
import { etaText } from './eta-text.ts';
import { unitKindLabel } from './labels.ts';
import type { AssignmentState } from './useAssignment.ts';

export function Recommendations({
  incident,
  state,
  mayDispatch,
}: {
  incident: Incident;
  state: AssignmentState;
  mayDispatch: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const recs = state.recommendations;
  return (
    <section className="recs" aria-labelledby="recs-heading">
      <h3 id="recs-heading">{t('rec.heading')}</h3>
      <ConflictNotice incident={incident} state={state} mayDispatch={mayDispatch} />
      {state.error ? <ErrorNotice error={state.error} /> : null}
      {state.lastAssigned && state.lastAssigned.length > 0 && (
        <output className="ok-line">
          <span aria-hidden="true">✓ </span>
          {t('rec.assigned', { callsigns: state.lastAssigned.join(', '), number: incident.number })}
        </output>
      )}
      {state.lastUndone && (
        <output className="ok-line">
          {t('undo.done', { callsigns: state.lastUndone.join(', '), number: incident.number })}
        </output>
      )}
      <UndoToast state={state} />
      <AssignAllDialog incident={incident} state={state} />
      {state.recommendationError ? <ErrorNotice error={state.recommendationError} /> : null}
      {recs === null ? (
        <p className="muted">{t('rec.loading')}</p>
      ) : recs.length === 0 ? (
        <p className="empty">{t('rec.none')}</p>
      ) : (
        <ol className="plain-list rec-list">
          {recs.map((r) => (
            <li key={r.unitId} className="rec-row" data-unit-id={r.unitId}>
              <span className="rec-key" title={t('rec.keyTitle')}>
                {state.keyNumbers.get(r.unitId) ?? ''}
              </span>
              <span className="rec-unit">
                <strong className="mono">{r.callsign}</strong>
                <span className="muted">{unitKindLabel(r.kind, lang)}</span>
              </span>
              <span
                className={r.etaEstimated ? 'rec-eta mono estimated' : 'rec-eta mono'}
                title={r.etaEstimated ? t('eta.estimatedTitle') : undefined}
              >
                {t('rec.eta', { eta: etaText(t, r.etaSeconds, r.etaEstimated) })}
                <span className="muted">
                  {' · '}
                  {r.roadMetres !== undefined && !r.etaEstimated
                    ? t('rec.roadDistance', { km: (r.roadMetres / 1000).toFixed(1) })
                    : t('rec.distance', { km: (r.distanceM / 1000).toFixed(1) })}
                </span>
              </span>
              {mayDispatch && (
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={state.busy}
                  onClick={() => void state.assign([r.unitId])}
                  aria-label={`${t('rec.assign')} ${r.callsign}`}
                >
                  {t('rec.assign')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {mayDispatch && recs && recs.length > 1 && (
        <button
          type="button"
          className="btn btn-block"
          disabled={state.busy || state.confirmingAll}
          onClick={state.askAssignAll}
        >
          {state.busy ? t('rec.assigning') : `${t('rec.assignAll')}…`}
        </button>
      )}
    </section>
  );
}

function ConflictNotice({
  incident,
  state,
  mayDispatch,
}: {
  incident: Incident;
  state: AssignmentState;
  mayDispatch: boolean;
}) {
  const t = useT();
  const c = state.conflict;
  if (!c) return null;
  const held = c.callsign && c.incidentNumber;
  return (
    <div className="alert-box conflict" role="alert" data-testid="assign-conflict">
      <strong>
        <span aria-hidden="true">⛔ </span>
        {t('conflict.heading')}
      </strong>
      <span>
        {held
          ? t('conflict.heldBy', {
              callsign: c.callsign ?? '',
              number: c.incidentNumber ?? '',
              status: c.status ? t(`status.${c.status}`) : '',
            })
          : c.message}
      </span>
      <span className="conflict-actions">
        {mayDispatch && held && c.unitId && c.incidentNumber !== incident.number && (
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => void state.assign([c.unitId!], true)}
          >
            {t('conflict.divert', { callsign: c.callsign ?? '' })}
          </button>
        )}
        <button type="button" className="btn" onClick={state.clearConflict}>
          {t('conflict.dismiss')}
        </button>
      </span>
    </div>
  );
}
