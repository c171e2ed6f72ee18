// The call-taker's reads of incidents beyond the one being typed: one earlier caller's incident, and the open ones.
import { Incident } from '@hcm112/shared';
import { z } from 'zod';
import { get } from '../api/http.ts';

const IncidentBody = z.object({ incident: Incident });
const IncidentsBody = z.object({ incidents: z.array(Incident) });

export async function fetchIncident(id: string): Promise<Incident> {
  return (await get(`/incidents/${id}`, IncidentBody)).incident;
}

export async function fetchOpenIncidents(): Promise<Incident[]> {
  return (await get('/incidents?status=open', IncidentsBody)).incidents;
}
