// Units as the `units` stream changes them: status changes and position reports, newest wins for each.
import type { RealtimeEvent, Unit, UnitPosition } from '@hcm112/shared';

export type UnitsState = Readonly<Record<string, Unit>>;

export const emptyUnits: UnitsState = {};

function newerPosition(a: UnitPosition | null, b: UnitPosition | null): UnitPosition | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b.at) > Date.parse(a.at) ? b : a;
}

export function applyUnitEvent(state: UnitsState, event: RealtimeEvent): UnitsState {
  if (event.type === 'unit.updated') {
    const incoming = event.unit;
    const held = state[incoming.id];
    if (held && Date.parse(incoming.updatedAt) < Date.parse(held.updatedAt)) return state;
    const position = held ? newerPosition(held.position, incoming.position) : incoming.position;
    // A report that arrived after the server read this unit makes it fresh; otherwise the server's word holds.
    const reportedSince =
      held?.position && incoming.position && Date.parse(held.position.at) > Date.parse(incoming.position.at);
    const stale = reportedSince ? false : incoming.positionStale;
    return { ...state, [incoming.id]: { ...incoming, position, positionStale: stale } };
  }
  if (event.type === 'unit.position') {
    const held = state[event.unitId];
    if (!held) return state;
    if (held.position && Date.parse(event.position.at) <= Date.parse(held.position.at)) return state;
    return { ...state, [event.unitId]: { ...held, position: event.position, positionStale: false } };
  }
  return state;
}

export function loadUnits(units: readonly Unit[]): UnitsState {
  return Object.fromEntries(units.map((u) => [u.id, u]));
}
