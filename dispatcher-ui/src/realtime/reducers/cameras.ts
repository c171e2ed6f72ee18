// The camera registry and the cameras surfaced per incident, as the `cameras` stream changes them.
import type { Camera, RealtimeEvent, SurfacedCamera } from '@hcm112/shared';

export interface IncidentCameras {
  cameras: readonly SurfacedCamera[];
  /** When the server computed the list; null for a list taken from a pin/hide answer. */
  computedAt: string | null;
}

export interface CamerasState {
  registry: Readonly<Record<string, Camera>>;
  byIncident: Readonly<Record<string, IncidentCameras>>;
  /** A bulk import happened: the registry must be fetched again. */
  registryOutdated: boolean;
}

export const emptyCameras: CamerasState = { registry: {}, byIncident: {}, registryOutdated: false };

function isNewer(incoming: string, held: IncidentCameras | undefined): boolean {
  if (!held?.computedAt) return true;
  return Date.parse(incoming) >= Date.parse(held.computedAt);
}

export function applyCameraEvent(state: CamerasState, event: RealtimeEvent): CamerasState {
  switch (event.type) {
    case 'incident.cameras': {
      if (!isNewer(event.computedAt, state.byIncident[event.incidentId])) return state;
      const entry: IncidentCameras = { cameras: event.cameras, computedAt: event.computedAt };
      return { ...state, byIncident: { ...state.byIncident, [event.incidentId]: entry } };
    }
    case 'camera.updated':
      return { ...state, registry: { ...state.registry, [event.camera.id]: event.camera } };
    case 'camera.deleted': {
      if (!(event.cameraId in state.registry)) return state;
      const { [event.cameraId]: _gone, ...registry } = state.registry;
      return { ...state, registry };
    }
    case 'cameras.imported':
      return { ...state, registryOutdated: true };
    default:
      return state;
  }
}

export function loadCameraRegistry(state: CamerasState, cameras: readonly Camera[]): CamerasState {
  return { ...state, registry: Object.fromEntries(cameras.map((c) => [c.id, c])), registryOutdated: false };
}

/** An incident's list as fetched or as answered by a pin/hide: it replaces the held one, keeping its time. */
export function loadIncidentCameras(
  state: CamerasState,
  incidentId: string,
  cameras: readonly SurfacedCamera[],
): CamerasState {
  const computedAt = state.byIncident[incidentId]?.computedAt ?? null;
  return { ...state, byIncident: { ...state.byIncident, [incidentId]: { cameras, computedAt } } };
}
