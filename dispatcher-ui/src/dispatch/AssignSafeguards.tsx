// The two guards against sending units by mistake: a confirmation naming every unit before "assign all" (Enter
// confirms only there, Escape cancels), and an undo offered for ASSIGNMENT_UNDO_SECONDS after an assignment.
import type { Incident } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import type { AssignmentState } from './useAssignment.ts';

export function AssignAllDialog({ incident, state }: { incident: Incident; state: AssignmentState }) {
  const t = useT();
  const recs = state.recommendations ?? [];
  if (!state.confirmingAll || recs.length === 0) return null;
  const count = recs.length;
  return (
    <div
      className="confirm-box"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="assign-all-heading"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          state.cancelAssignAll();
        }
      }}
    >
      <strong id="assign-all-heading">
        {t('rec.confirmAll.heading', { count, number: incident.number })}
      </strong>
      <ul className="plain-list">
        {recs.map((r) => (
          <li key={r.unitId} className="mono">
            {r.callsign}
          </li>
        ))}
      </ul>
      <p className="muted">{t('rec.confirmAll.hint')}</p>
      <span className="conflict-actions">
        <button
          type="button"
          className="btn btn-primary"
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to be answered; Enter must confirm here and only here
          autoFocus
          disabled={state.busy}
          onClick={() => void state.assign(recs.map((r) => r.unitId))}
        >
          {t('rec.confirmAll.confirm', { count })}
        </button>
        <button type="button" className="btn" onClick={state.cancelAssignAll}>
          {t('rec.confirmAll.cancel')}
        </button>
      </span>
    </div>
  );
}

export function UndoToast({ state }: { state: AssignmentState }) {
  const t = useT();
  const until = state.undoable?.until ?? 0;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  const seconds = Math.ceil((until - now) / 1000);
  if (!state.undoable || seconds <= 0) return null;
  return (
    <div className="undo-toast" role="status">
      <button type="button" className="btn" disabled={state.busy} onClick={() => void state.undo()}>
        {t('undo.button', { seconds })}
      </button>
    </div>
  );
}
