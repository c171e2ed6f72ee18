// Everything the dispatch console shows, kept live: incidents, units, alerts and the camera registry, plus the
// stations (which do not change during a shift).
import type { CameraAlert, Incident, RealtimeEvent, Station, SurfacedCamera, Unit } from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import { type AlertsState, applyAlertEvent, emptyAlerts, loadAlerts } from '../realtime/reducers/alerts.ts';
import {
  applyCameraEvent,
  type CamerasState,
  emptyCameras,
  loadCameraRegistry,
  loadIncidentCameras,
} from '../realtime/reducers/cameras.ts';
import {
  applyIncidentEvent,
  emptyIncidents,
  type IncidentsState,
  loadIncidents,
} from '../realtime/reducers/incidents.ts';
import { applyUnitEvent, emptyUnits, loadUnits, type UnitsState } from '../realtime/reducers/units.ts';
import { type LiveState, useLiveState } from '../realtime/useLiveState.ts';
import { fetchCameras, fetchOpenAlerts, fetchOpenIncidents, fetchStations, fetchUnits } from './api.ts';

/**
 * Position reports are many (hundreds of units every few seconds) and only the map needs them: the map moves its
 * markers straight from the socket, and the React state takes status changes only, so the lists do not re-render
 * on every move.
 */
function applyUnitStatusEvent(state: UnitsState, event: RealtimeEvent): UnitsState {
  return event.type === 'unit.position' ? state : applyUnitEvent(state, event);
}

export function useDispatchData() {
  const incidents = useLiveState({
    streams: ['incidents'],
    initial: emptyIncidents,
    load: async () => {
      const list = await fetchOpenIncidents();
      return () => loadIncidents(list);
    },
    apply: applyIncidentEvent,
  });
  const units = useLiveState({
    streams: ['units'],
    initial: emptyUnits,
    load: async () => {
      const list = await fetchUnits();
      return () => loadUnits(list);
    },
    apply: applyUnitStatusEvent,
  });
  const alerts = useLiveState({
    streams: ['alerts'],
    initial: emptyAlerts,
    load: async () => {
      const list = await fetchOpenAlerts();
      return () => loadAlerts(list);
    },
    apply: applyAlertEvent,
  });
  const cameras = useLiveState({
    streams: ['cameras'],
    initial: emptyCameras,
    load: async () => {
      const list = await fetchCameras();
      return (s) => loadCameraRegistry(s, list);
    },
    apply: applyCameraEvent,
  });
  const { reload: reloadCameras } = cameras;
  useEffect(() => {
    if (cameras.state.registryOutdated) reloadCameras();
  }, [cameras.state.registryOutdated, reloadCameras]);

  const [stations, setStations] = useState<Station[]>([]);
  useEffect(() => {
    fetchStations().then(setStations, () => setStations([]));
  }, []);

  return { incidents, units, alerts, cameras, stations, ...useAnswers(incidents, units, alerts, cameras) };
}

/** Puts what an HTTP call answered (an assigned incident, a changed unit...) into the live state at once. */
function useAnswers(
  incidents: LiveState<IncidentsState>,
  units: LiveState<UnitsState>,
  alerts: LiveState<AlertsState>,
  cameras: LiveState<CamerasState>,
) {
  const { update: updateIncidents } = incidents;
  const { update: updateUnits } = units;
  const { update: updateAlerts } = alerts;
  const { update: updateCameras } = cameras;
  return {
    putIncident: useCallback(
      (incident: Incident) =>
        updateIncidents((s) => applyIncidentEvent(s, { type: 'incident.updated', incident })),
      [updateIncidents],
    ),
    putUnit: useCallback(
      (unit: Unit) => updateUnits((s) => applyUnitEvent(s, { type: 'unit.updated', unit })),
      [updateUnits],
    ),
    putAlert: useCallback(
      (alert: CameraAlert) => updateAlerts((s) => applyAlertEvent(s, { type: 'alert.updated', alert })),
      [updateAlerts],
    ),
    putIncidentCameras: useCallback(
      (incidentId: string, list: SurfacedCamera[]) =>
        updateCameras((s) => loadIncidentCameras(s, incidentId, list)),
      [updateCameras],
    ),
  };
}

export type DispatchData = ReturnType<typeof useDispatchData>;
