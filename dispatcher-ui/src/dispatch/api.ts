// The dispatch console's calls to the API, each answer parsed with the shared schemas.
import {
  Camera,
  CameraAlert,
  CameraFeed,
  type Disposition,
  EscalationPolicy,
  Incident,
  type IncidentHistoryQuery,
  type PromoteAlertRequest,
  Recommendation,
  Station,
  SurfacedCamera,
  Unit,
  IncidentRoutes,
  type UnitRoute,
  type UnitStatus,
  type UpdateIncidentRequest,
} from '@hcm112/shared';
import { z } from 'zod';
import { get, patch, post } from '../api/http.ts';

const IncidentBody = z.object({ incident: Incident });
const IncidentsBody = z.object({ incidents: z.array(Incident) });
const UnitsBody = z.object({ units: z.array(Unit) });
const UnitBody = z.object({ unit: Unit });
const StationsBody = z.object({ stations: z.array(Station) });
const CamerasBody = z.object({ cameras: z.array(Camera) });
const SurfacedBody = z.object({ cameras: z.array(SurfacedCamera) });
const AlertsBody = z.object({ alerts: z.array(CameraAlert) });
const AlertBody = z.object({ alert: CameraAlert });
const PromotedBody = z.object({ alert: CameraAlert, incident: Incident });
const RecommendationsBody = z.object({ recommendations: z.array(Recommendation) });

export const fetchOpenIncidents = async () => (await get('/incidents?status=open', IncidentsBody)).incidents;
export const fetchUnits = async () => (await get('/units', UnitsBody)).units;
export const fetchStations = async () => (await get('/stations', StationsBody)).stations;
export const fetchCameras = async () => (await get('/cameras', CamerasBody)).cameras;
export const fetchOpenAlerts = async () => (await get('/alerts?status=open', AlertsBody)).alerts;

export async function fetchRecommendations(incidentId: string): Promise<Recommendation[]> {
  return (await get(`/incidents/${incidentId}/recommendations`, RecommendationsBody)).recommendations;
}

export async function fetchUnitRoutes(incidentId: string): Promise<UnitRoute[]> {
  return (await get(`/incidents/${incidentId}/routes`, IncidentRoutes)).routes;
}

export async function assignUnits(incidentId: string, unitIds: string[], divert = false): Promise<Incident> {
  return (await post(`/incidents/${incidentId}/assignments`, { unitIds, divert }, IncidentBody)).incident;
}

export async function addNote(incidentId: string, text: string): Promise<Incident> {
  return (await post(`/incidents/${incidentId}/notes`, { text }, IncidentBody)).incident;
}

export async function setUnitStatus(unitId: string, status: UnitStatus): Promise<Unit> {
  return (await post(`/units/${unitId}/status`, { status }, UnitBody)).unit;
}

export async function fetchIncidentCameras(incidentId: string): Promise<SurfacedCamera[]> {
  return (await get(`/incidents/${incidentId}/cameras`, SurfacedBody)).cameras;
}

export async function setIncidentCamera(
  incidentId: string,
  cameraId: string,
  change: { pinned?: boolean; hidden?: boolean },
): Promise<SurfacedCamera[]> {
  return (await post(`/incidents/${incidentId}/cameras/${cameraId}`, change, SurfacedBody)).cameras;
}

export async function fetchFeed(cameraId: string, incidentId?: string): Promise<CameraFeed> {
  const query = incidentId ? `?incidentId=${incidentId}` : '';
  return get(`/cameras/${cameraId}/feed${query}`, CameraFeed);
}

export async function promoteAlert(
  alertId: string,
  choice: PromoteAlertRequest = {},
): Promise<{ alert: CameraAlert; incident: Incident }> {
  return post(`/alerts/${alertId}/promote`, choice, PromotedBody);
}

export async function dismissAlert(alertId: string): Promise<CameraAlert> {
  return (await post(`/alerts/${alertId}/dismiss`, {}, AlertBody)).alert;
}

export async function closeIncident(
  incidentId: string,
  disposition: Disposition,
  note?: string,
  releaseUnitIds?: string[],
): Promise<Incident> {
  const body = { disposition, note, releaseUnitIds };
  return (await post(`/incidents/${incidentId}/close`, body, IncidentBody)).incident;
}

export async function updateIncident(incidentId: string, change: UpdateIncidentRequest): Promise<Incident> {
  return (await patch(`/incidents/${incidentId}`, change, IncidentBody)).incident;
}

export async function reopenIncident(incidentId: string, reason: string): Promise<Incident> {
  return (await post(`/incidents/${incidentId}/reopen`, { reason }, IncidentBody)).incident;
}

export async function searchHistory(q: Partial<IncidentHistoryQuery>): Promise<Incident[]> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return (await get(`/incidents/history?${params}`, IncidentsBody)).incidents;
}

export const fetchEscalationPolicy = () => get('/incidents/escalation-policy', EscalationPolicy);

export async function undoAssignment(incidentId: string, unitId: string): Promise<Incident> {
  return (await post(`/incidents/${incidentId}/assignments/${unitId}/undo`, {}, IncidentBody)).incident;
}
