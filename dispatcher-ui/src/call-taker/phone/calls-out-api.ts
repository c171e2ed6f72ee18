// The console's calls out through the API: the configured destinations, a grant to dial one from the call in hand
// or to call an abandoned caller back, and what the softphone reports of each leg.
import { CallLeg, type CallLegEvent, DialDestination, DialResponse } from '@hcm112/shared';
import { z } from 'zod';
import { get, post } from '../../api/http.ts';

const DestinationsBody = z.object({ destinations: z.array(DialDestination), callback: z.boolean() });
const LegBody = z.object({ leg: CallLeg });

export function fetchDestinations() {
  return get('/dial/destinations', DestinationsBody);
}

export type DialStarted = DialResponse;

export function dialFromCall(callId: string, destination: string): Promise<DialResponse> {
  return post(`/calls/${callId}/legs`, { destination }, DialResponse);
}

export function dialCallback(callId: string): Promise<DialResponse> {
  return post(`/calls/${callId}/callback-dial`, {}, DialResponse);
}

export async function reportLeg(legId: string, e: CallLegEvent): Promise<CallLeg> {
  return (await post(`/call-legs/${legId}/events`, e, LegBody)).leg;
}
