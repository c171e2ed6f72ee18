// The number shown beside each recommended unit, bound to the unit and not to its place in the list: a unit keeps
// its number while the list changes, and a number once given is never handed to another unit of the incident.
import type { Recommendation } from '@hcm112/shared';
import { useMemo, useRef } from 'react';
import type { AssignmentState } from './useAssignment.ts';

const MAX_KEY = 9;

/** Keeps every earlier binding (even of units gone from the list) and gives new units the next unused numbers. */
export function bindKeyNumbers(
  previous: ReadonlyMap<string, number>,
  unitIds: readonly string[],
): Map<string, number> {
  const next = new Map(previous);
  let used = Math.max(0, ...next.values());
  for (const id of unitIds) {
    if (next.has(id) || used >= MAX_KEY) continue;
    used += 1;
    next.set(id, used);
  }
  return next;
}

export function useKeyNumbers(
  incidentId: string | null,
  recommendations: readonly Recommendation[] | null,
): ReadonlyMap<string, number> {
  const bound = useRef<{ incidentId: string | null; keys: ReadonlyMap<string, number> }>({
    incidentId,
    keys: new Map(),
  });
  return useMemo(() => {
    const previous = bound.current.incidentId === incidentId ? bound.current.keys : new Map<string, number>();
    const keys = bindKeyNumbers(
      previous,
      (recommendations ?? []).map((r) => r.unitId),
    );
    bound.current = { incidentId, keys };
    return keys;
  }, [incidentId, recommendations]);
}

/** The unit currently offered under number n, if it is still in the list. */
export function unitForKey(
  keys: ReadonlyMap<string, number>,
  recommendations: readonly Recommendation[] | null,
  n: number,
): Recommendation | undefined {
  return recommendations?.find((r) => keys.get(r.unitId) === n);
}

/** What Alt+digit and Alt+A do on the dispatch console: assign the unit showing that number, or ask about all. */
export function assignmentKeys(
  state: AssignmentState,
  mayDispatch: boolean,
): { assignKey: (n: number) => void; askAssignAll: () => void } {
  return {
    assignKey: (n) => {
      const rec = unitForKey(state.keyNumbers, state.recommendations, n);
      if (mayDispatch && rec && !state.confirmingAll) void state.assign([rec.unitId]);
    },
    askAssignAll: () => {
      if (mayDispatch && (state.recommendations?.length ?? 0) > 0) state.askAssignAll();
    },
  };
}
