// Calls and call-takers as the `calls` stream changes them; an event older than what is held never wins.
import type { Call, CallState, CallTakerStatus, RealtimeEvent } from '@hcm112/shared';

export interface CallsState {
  calls: Readonly<Record<string, Call>>;
  callTakers: Readonly<Record<string, CallTakerStatus>>;
}

export const emptyCalls: CallsState = { calls: {}, callTakers: {} };

/** How far a call has come; a call never goes back from answered or ended (queued <-> ringing is a requeue). */
const PROGRESS: Readonly<Record<CallState, number>> = {
  queued: 0,
  'ringing-agent': 0,
  fallback: 1,
  answered: 2,
  abandoned: 3,
  ended: 3,
};

function isOlderCall(incoming: Call, held: Call | undefined): boolean {
  if (!held) return false;
  if (PROGRESS[incoming.state] < PROGRESS[held.state]) return true;
  // A callback recorded on an abandoned call is never undone.
  return held.callbackAt !== null && incoming.callbackAt === null;
}

export function applyCallEvent(state: CallsState, event: RealtimeEvent): CallsState {
  if (event.type === 'call.updated') {
    const held = state.calls[event.call.id];
    if (isOlderCall(event.call, held)) return state;
    return { ...state, calls: { ...state.calls, [event.call.id]: event.call } };
  }
  if (event.type === 'calltaker.updated') {
    const held = state.callTakers[event.callTaker.userId];
    if (held && Date.parse(event.callTaker.since) < Date.parse(held.since)) return state;
    return { ...state, callTakers: { ...state.callTakers, [event.callTaker.userId]: event.callTaker } };
  }
  return state;
}

/** Replaces the calls with a fetched list (e.g. GET /calls/queue), keeping the call-takers. */
export function loadCalls(state: CallsState, calls: readonly Call[]): CallsState {
  return { ...state, calls: Object.fromEntries(calls.map((c) => [c.id, c])) };
}

export function loadCallTakers(state: CallsState, callTakers: readonly CallTakerStatus[]): CallsState {
  return { ...state, callTakers: Object.fromEntries(callTakers.map((c) => [c.userId, c])) };
}

const WAITING: readonly CallState[] = ['queued', 'ringing-agent', 'fallback'];

/** Calls still waiting for or ringing a call-taker, oldest first: the queue as a caller experiences it. */
export function waitingCalls(state: CallsState): Call[] {
  return Object.values(state.calls)
    .filter((c) => WAITING.includes(c.state))
    .sort((a, b) => Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt));
}
