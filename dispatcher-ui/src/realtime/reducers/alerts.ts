// Camera analytics alerts as the `alerts` stream changes them; a handled alert never reopens.
import type { CameraAlert, RealtimeEvent } from '@hcm112/shared';

export type AlertsState = Readonly<Record<string, CameraAlert>>;

export const emptyAlerts: AlertsState = {};

function isOlder(incoming: CameraAlert, held: CameraAlert | undefined): boolean {
  if (!held) return false;
  if (held.status !== 'open' && incoming.status === 'open') return true;
  return held.status === incoming.status && Date.parse(incoming.lastAt) < Date.parse(held.lastAt);
}

export function applyAlertEvent(state: AlertsState, event: RealtimeEvent): AlertsState {
  if (event.type !== 'alert.updated') return state;
  if (isOlder(event.alert, state[event.alert.id])) return state;
  return { ...state, [event.alert.id]: event.alert };
}

export function loadAlerts(alerts: readonly CameraAlert[]): AlertsState {
  return Object.fromEntries(alerts.map((a) => [a.id, a]));
}

/** Open alerts, newest activity first. */
export function openAlerts(state: AlertsState): CameraAlert[] {
  return Object.values(state)
    .filter((a) => a.status === 'open')
    .sort((a, b) => Date.parse(b.lastAt) - Date.parse(a.lastAt));
}
