// Puts call events on the server's call-event streams as call control does (its own sink), for tests that need a
// call's story without SIP (the streams, shards and entry shape are the shared contract; no Kamailio involved).
import type { CallControlEvent, CallEvent, CallerLocation } from '@hcm112/shared';
import { CallEventSink } from '@hcm112/telephony/call-events';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { RunningServer } from '../../src/server.ts';

/** `attempts`: how many times the server tries each event before parking it (call control asks for 1000). */
export async function emitCallEvents(
  server: RunningServer,
  events: CallControlEvent[],
  attempts = 5,
): Promise<void> {
  const { REDIS_URL, REDIS_PREFIX } = server.ctx.config;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const sink = new CallEventSink(connection, REDIS_PREFIX, 'test', pino({ level: 'silent' }), { attempts });
  try {
    for (const event of events) sink.emit(event);
    await sink.close();
  } finally {
    connection.disconnect();
  }
}

/** A call's arrival as call control reports it: an untrusted caller to 112, located or not, at `at` (now). */
export function arrivalEvent(
  sipCallId: string,
  callerNumber: string,
  { at = new Date().toISOString(), location = null }: { at?: string; location?: CallerLocation | null } = {},
): CallEvent {
  return {
    type: 'arrived',
    sipCallId,
    at,
    callerNumber,
    callerIdentity: 'untrusted',
    callerPrivacy: false,
    moreLocations: [],
    locationProblems: [],
    locationUri: null,
    dialedNumber: '112',
    location,
    locationRaw: null,
  };
}
