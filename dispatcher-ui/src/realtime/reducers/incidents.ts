// Incidents as the `incidents` stream changes them, and the order a dispatcher works them in.
import type { Incident, RealtimeEvent } from '@hcm112/shared';

export type IncidentsState = Readonly<Record<string, Incident>>;

export const emptyIncidents: IncidentsState = {};

export function applyIncidentEvent(state: IncidentsState, event: RealtimeEvent): IncidentsState {
  if (event.type !== 'incident.created' && event.type !== 'incident.updated') return state;
  const incoming = event.incident;
  const held = state[incoming.id];
  if (held && Date.parse(incoming.updatedAt) < Date.parse(held.updatedAt)) return state;
  return { ...state, [incoming.id]: incoming };
}

export function loadIncidents(incidents: readonly Incident[]): IncidentsState {
  return Object.fromEntries(incidents.map((i) => [i.id, i]));
}

/** Open incidents, most urgent first, then the oldest first among equals. */
export function openIncidentsByPriority(state: IncidentsState): Incident[] {
  return Object.values(state)
    .filter((i) => i.status !== 'closed')
    .sort((a, b) => b.priority - a.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
