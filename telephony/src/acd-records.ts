// What Kamailio's events become in the records: a new call as the ACD keeps it, the arrival as the server records
// it (number, service, the caller's location from PIDF-LO or by reference), and a refused emergency INVITE.
import type { BlockList } from 'node:net';
import type { CallEvent } from '@hcm112/shared';
import type { AcdCall } from './acd-store.ts';
import { callerIdentity } from './caller-identity.ts';
import { type KamailioArrival, type KamailioEvent, kamailioMicros } from './kamailio-events.ts';
import { locationByReference, readPidfLo } from './pidf.ts';

/** A call just seen, queued at its arrival time; `trusted` (TRUSTED_TRUNKS) decides whose identity is believed. */
export function newAcdCall(e: KamailioArrival, trusted: BlockList): AcdCall {
  return {
    tindex: '',
    tlabel: '',
    caller: callerIdentity(e, trusted).number,
    arrivedUs: String(kamailioMicros(e.at)),
    state: 'queued',
    agent: '',
    fromTag: '',
    toTag: '',
  };
}

/** The arrival as the server records it: number, service, and the caller's location from PIDF-LO or by reference. */
export function arrivalRecord(e: KamailioArrival, trusted: BlockList) {
  const reading = readPidfLo(e.body, e.contentType);
  const [location = null, ...moreLocations] = reading.locations;
  const raw = [e.geolocation, location || reading.problems.length ? e.body : ''].filter(Boolean).join('\n');
  const identity = callerIdentity(e, trusted);
  return {
    sipCallId: e.callId,
    at: new Date(Math.floor(kamailioMicros(e.at) / 1000)).toISOString(),
    callerNumber: identity.number,
    callerIdentity: identity.source,
    callerPrivacy: identity.privacy,
    dialedNumber: e.dialed.slice(0, 32),
    location,
    locationRaw: raw ? raw.slice(0, 70_000) : null,
    moreLocations: moreLocations.slice(0, 10),
    locationProblems: reading.problems.slice(0, 10).map((p) => p.slice(0, 300)),
    locationUri: locationByReference(e.geolocation),
  };
}

/**
 * A refused emergency INVITE as the server records it, its number read as an accepted call's would be (a
 * trusted trunk's asserted identity, else From), so a withheld caller refused at a limit can be called back. A
 * folded count becomes one row per source and minute (same Call-ID and time), which the server adds each count to.
 */
export function refusalEvent(e: Extract<KamailioEvent, { event: 'refused' }>, trusted: BlockList): CallEvent {
  const atMs = Math.floor(kamailioMicros(e.at) / 1000);
  const folded = e.callId === 'folded';
  const minute = Math.floor(atMs / 60_000) * 60_000;
  const identity = callerIdentity(e, trusted);
  return {
    type: 'refused',
    sipCallId: folded ? `refused-flood@${e.source}` : e.callId,
    at: new Date(folded ? minute : atMs).toISOString(),
    callerNumber: identity.number,
    callerIdentity: identity.source,
    callerPrivacy: identity.privacy,
    dialedNumber: e.dialed.slice(0, 32),
    reason: e.reason,
    source: e.source,
    count: e.count,
  };
}
