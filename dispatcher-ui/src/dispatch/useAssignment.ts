// Assigning units to the selected incident, with its recommended units: one call, the answer applied at once, and a
// 409 kept on screen with who holds the unit until the dispatcher acknowledges it.
import { type Incident, type Recommendation, type Unit, UnitStatus } from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, isApiError } from '../api/http.ts';
import { assignUnits } from './api.ts';
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
  const id = incident?.id ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: what is shown belongs to one incident; reset on a new one
  useEffect(() => {
    setConflict(null);
    setError(null);
    setLastAssigned(null);
  }, [id]);

  const assign = useCallback(
    async (unitIds: string[], divert = false) => {
      if (!incident || unitIds.length === 0 || busy) return;
      setBusy(true);
      setError(null);
      setConflict(null);
      try {
        const updated = await assignUnits(incident.id, unitIds, divert);
        onAssigned(updated);
        setLastAssigned(updated.assignments.filter((a) => unitIds.includes(a.unitId)).map((a) => a.callsign));
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

  const clearConflict = useCallback(() => setConflict(null), []);
  return {
    recommendations: recs.recommendations,
    recommendationError: recs.error,
    busy,
    conflict,
    error,
    lastAssigned,
    assign,
    clearConflict,
  };
}
