// The call-taker's API calls: own state, softphone credentials, the queue, a caller's history, taking and ending a
// call, abandoned calls, incidents opened from a call, duplicates and the gazetteer. Every answer is parsed with
// the shared schemas.
import {
  type AddCallLocationRequest,
  AddressMatch,
  Call,
  CallTakerStatus,
  type CreateIncidentRequest,
  DuplicateCandidate,
  Incident,
  type IncidentType,
  QueuedCall,
  SipCredentials,
} from '@hcm112/shared';
import { z } from 'zod';
import { ApiError, get, post, send } from '../api/http.ts';

const CallTakerBody = z.object({ callTaker: CallTakerStatus });
const CredentialsBody = z.object({ credentials: SipCredentials });
const CallBody = z.object({ call: Call });
const CallsBody = z.object({ calls: z.array(Call) });
const QueueBody = z.object({ calls: z.array(QueuedCall) });
const IncidentBody = z.object({ incident: Incident });
const CreatedBody = z.object({ incident: Incident, duplicates: z.array(DuplicateCandidate) });
const DuplicatesBody = z.object({ candidates: z.array(DuplicateCandidate) });
const MatchesBody = z.object({ matches: z.array(AddressMatch) });
const ReverseBody = z.object({ match: AddressMatch.nullable() });

export async function fetchMe(): Promise<CallTakerStatus> {
  return (await get('/calltakers/me', CallTakerBody)).callTaker;
}

/** Short-lived SIP credentials for the console softphone to register the call-taker's extension. */
export async function fetchSipCredentials(): Promise<SipCredentials> {
  return (await get('/calltakers/me/sip-credentials', CredentialsBody)).credentials;
}

export async function setReady(ready: boolean): Promise<CallTakerStatus> {
  return (await post('/calltakers/me/ready', { ready }, CallTakerBody)).callTaker;
}

export async function endWrapUp(): Promise<CallTakerStatus> {
  return (await post('/calltakers/me/wrap-up/end', {}, CallTakerBody)).callTaker;
}

export async function fetchQueue(): Promise<QueuedCall[]> {
  return (await get('/calls/queue', QueueBody)).calls;
}

export async function fetchCall(id: string): Promise<Call> {
  return (await get(`/calls/${id}`, CallBody)).call;
}

/** Earlier calls from the same number, newest first (the current call is among them). */
export async function fetchRecentCalls(caller: string): Promise<Call[]> {
  return (await get(`/calls/recent?caller=${encodeURIComponent(caller)}&limit=10`, CallsBody)).calls;
}

/** Records where the call-taker says the caller is (typed in the form, or the pin on the caller map). */
export async function addCallLocation(id: string, body: AddCallLocationRequest): Promise<Call> {
  return (await post(`/calls/${id}/locations`, body, CallBody)).call;
}

/** Asks the carrier's location server again; its answer arrives as a new entry of the call's history. */
export async function refreshCallLocation(id: string): Promise<void> {
  await send('POST', `/calls/${id}/locations/refresh`, {});
}

export async function acceptCall(id: string): Promise<Call> {
  return (await post(`/calls/${id}/accept`, {}, CallBody)).call;
}

export async function hangUp(id: string): Promise<Call> {
  return (await post(`/calls/${id}/hangup`, {}, CallBody)).call;
}

export async function fetchAbandoned(): Promise<Call[]> {
  return (await get('/calls/abandoned', CallsBody)).calls;
}

export async function recordCallback(id: string): Promise<Call> {
  return (await post(`/calls/${id}/callback`, {}, CallBody)).call;
}

export async function createIncident(body: CreateIncidentRequest) {
  return post('/incidents', body, CreatedBody);
}

export async function linkCall(incidentId: string, callId: string): Promise<Incident> {
  return (await post(`/incidents/${incidentId}/calls`, { callId }, IncidentBody)).incident;
}

export async function fetchDuplicates(
  point: { lat: number; lon: number },
  type: IncidentType,
): Promise<DuplicateCandidate[]> {
  const q = new URLSearchParams({ lat: String(point.lat), lon: String(point.lon), type });
  return (await get(`/incidents/duplicates?${q}`, DuplicatesBody)).candidates;
}

export async function searchAddresses(q: string): Promise<AddressMatch[]> {
  return (await get(`/addresses/search?q=${encodeURIComponent(q)}&limit=8`, MatchesBody)).matches;
}

export async function reverseGeocode(point: { lat: number; lon: number }): Promise<AddressMatch | null> {
  return (await get(`/addresses/reverse?lat=${point.lat}&lon=${point.lon}`, ReverseBody)).match;
}

/** Records (audit) that the call-taker replays the last `seconds` of their current call from the console. */
export async function recordLiveRecall(id: string, seconds: number): Promise<void> {
  await send('POST', `/calls/${id}/recording/live-recall`, { seconds });
}

/** The last 60 s of the call-taker's last finished call, from its stored recording (audited by the server). */
export async function fetchLastCallRecall(id: string): Promise<Blob> {
  const res = await fetch(`/api/calls/${id}/recording/recall`, { credentials: 'same-origin' });
  if (res.ok) return res.blob();
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  const code = res.status === 404 ? 'not-found' : res.status === 403 ? 'forbidden' : 'conflict';
  throw new ApiError(res.status, code, body.error?.message ?? `HTTP ${res.status}`);
}
