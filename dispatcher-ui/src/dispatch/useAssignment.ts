// Assigning units to the selected incident, with its recommended units: one call, the answer applied at once, a
// 409 kept on screen with who holds the unit until the dispatcher acknowledges it, "assign all" only after a
// confirmation, and an undo offered for ASSIGNMENT_UNDO_SECONDS (the server decides whether it is still allowed).
import {
  ASSIGNMENT_UNDO_SECONDS,
  type Incident,
  type Recommendation,
  type Unit,
  UnitStatus,
} from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, isApiError } from '../api/http.ts';
import { assignUnits, undoAssignment } from './api.ts';
import { useKeyNumbers } from './keyNumbers.ts';
import { useRecommendations } from './useRecommendations.ts';

export interface AssignConflict {
  message: string;
  unitId: string | null;
  callsign: string | null;
  incidentNumber: string | null;
  status: UnitStatus | null;
}

export interface AssignmentState {
  recommendations: Recommendation[] | null;
  recommendationError: unknown;
  busy: boolean;
  conflict: AssignConflict | null;
  error: unknown;
  /** Callsigns of the last assignment that succeeded, for the confirmation line. */
  lastAssigned: string[] | null;
  assign: (unitIds: string[], divert?: boolean) => Promise<void>;
  clearConflict: () => void;
  /** Number key of each recommended unit, bound to the unit. */
  keyNumbers: ReadonlyMap<string, number>;
  /** The "assign all" confirmation is open. */
  confirmingAll: boolean;
  askAssignAll: () => void;
  cancelAssignAll: () => void;
  /** The last assignment, while it may still be undone (until `until`, epoch ms). */
  undoable: { unitIds: string[]; callsigns: string[]; until: number } | null;
  undo: () => Promise<void>;
  /** Callsigns of the last undo that succeeded. */
  lastUndone: string[] | null;
}

function conflictFrom(err: ApiError): AssignConflict {
  const d = err.details;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    message: err.message,
    unitId: text(d.unitId),
    callsign: text(d.callsign),
    incidentNumber: text(d.incidentNumber),
    status: UnitStatus.safeParse(d.status).data ?? null,
  };
}

export function useAssignment(
  incident: Incident | null,
  units: Readonly<Record<string, Unit>>,
  onAssigned: (incident: Incident) => void,
): AssignmentState {
  const recs = useRecommendations(incident, units);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<AssignConflict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [lastAssigned, setLastAssigned] = useState<string[] | null>(null);
  const [confirmingAll, setConfirmingAll] = useState(false);
  const [undoable, setUndoable] = useState<AssignmentState['undoable']>(null);
  const [lastUndone, setLastUndone] = useState<string[] | null>(null);
  const id = incident?.id ?? null;
  const keyNumbers = useKeyNumbers(id, recs.recommendations);

  // biome-ignore lint/correctness/useExhaustiveDependencies: what is shown belongs to one incident; reset on a new one
  useEffect(() => {
    setConflict(null);
    setError(null);
    setLastAssigned(null);
    setConfirmingAll(false);
    setUndoable(null);
    setLastUndone(null);
  }, [id]);

  const assign = useCallback(
    async (unitIds: string[], divert = false) => {
      if (!incident || unitIds.length === 0 || busy) return;
      setBusy(true);
      setError(null);
      setConflict(null);
      setConfirmingAll(false);
      setLastUndone(null);
      try {
        const updated = await assignUnits(incident.id, unitIds, divert);
        onAssigned(updated);
        const made = updated.assignments.filter((a) => unitIds.includes(a.unitId));
        setLastAssigned(made.map((a) => a.callsign));
        setUndoable({
          unitIds: made.map((a) => a.unitId),
          callsigns: made.map((a) => a.callsign),
          until: Date.now() + ASSIGNMENT_UNDO_SECONDS * 1000,
        });
      } catch (err) {
        if (isApiError(err) && err.status === 409) {
          setConflict(conflictFrom(err));
          recs.refresh();
        } else setError(err);
      } finally {
        setBusy(false);
      }
    },
    [incident, busy, onAssigned, recs.refresh],
  );

  const undo = useCallback(async () => {
    if (!incident || !undoable || busy) return;
    setBusy(true);
    setError(null);
    const undone: string[] = [];
    try {
      for (const [i, unitId] of undoable.unitIds.entries()) {
        onAssigned(await undoAssignment(incident.id, unitId));
        undone.push(undoable.callsigns[i] ?? unitId);
      }
    } catch (err) {
      setError(err);
    } finally {
      setUndoable(null);
      setLastAssigned(null);
      setLastUndone(undone.length > 0 ? undone : null);
      setBusy(false);
      recs.refresh();
    }
  }, [incident, undoable, busy, onAssigned, recs.refresh]);

  const clearConflict = useCallback(() => setConflict(null), []);
  const askAssignAll = useCallback(() => setConfirmingAll(true), []);
  const cancelAssignAll = useCallback(() => setConfirmingAll(false), []);
  return {
    recommendations: recs.recommendations,
    recommendationError: recs.error,
    busy,
    conflict,
    error,
    lastAssigned,
    assign,
    clearConflict,
    keyNumbers,
    confirmingAll,
    askAssignAll,
    cancelAssignAll,
    undoable,
    undo,
    lastUndone,
  };
}
