// The call-taker's text-to-112 API calls, each answer parsed with the shared schemas.
import { Incident, TextMessage, TextSession } from '@hcm112/shared';
import { z } from 'zod';
import { get, post } from '../api/http.ts';

const SessionsBody = z.object({ sessions: z.array(TextSession), takeByHand: z.boolean() });
const SessionBody = z.object({ session: TextSession });
const TranscriptBody = z.object({ session: TextSession, messages: z.array(TextMessage) });
const MessageBody = z.object({ message: TextMessage });
const IncidentBody = z.object({ incident: Incident });

/** The open sessions, and whether they are taken by hand (no call control offers them). */
export function fetchTextSessions(): Promise<{ sessions: TextSession[]; takeByHand: boolean }> {
  return get('/text-sessions', SessionsBody);
}

export function fetchTranscript(id: string) {
  return get(`/text-sessions/${id}`, TranscriptBody);
}

export async function takeText(id: string): Promise<TextSession> {
  return (await post(`/text-sessions/${id}/take`, {}, SessionBody)).session;
}

export async function declineText(id: string): Promise<TextSession> {
  return (await post(`/text-sessions/${id}/decline`, {}, SessionBody)).session;
}

export async function replyText(id: string, text: string): Promise<TextMessage> {
  return (await post(`/text-sessions/${id}/messages`, { text }, MessageBody)).message;
}

export async function endText(id: string): Promise<TextSession> {
  return (await post(`/text-sessions/${id}/close`, {}, SessionBody)).session;
}

/** Links the session to the incident and returns the incident (with the transcript note). */
export async function linkTextToIncident(id: string, incidentId: string): Promise<Incident> {
  await post(`/text-sessions/${id}/incident`, { incidentId }, SessionBody);
  return (await get(`/incidents/${incidentId}`, IncidentBody)).incident;
}
