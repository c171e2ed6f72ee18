// The console's calls out: dialing an agency or another configured number from the call in hand (the caller held
// meanwhile), joining them with the caller, withdrawing, dropping them, and calling an abandoned caller back.
// What the softphone does to each leg is reported to the server (audit, the incident's timeline); a call out that
// fails or ends gives the caller back to the call-taker, never drops them.
import type { CallLeg, DialDestination } from '@hcm112/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from './calls-out-api.ts';
import type { SoftphoneLeg } from './softphone.ts';
import type { Phone } from './usePhone.ts';

/** A call out as the console shows it: the server's leg and what the softphone says of it now. */
export interface CallOut {
  leg: CallLeg;
  /** The caller's SIP Call-ID held for a hand-over; null for a callback. */
  callerSipCallId: string | null;
  phone: SoftphoneLeg | null;
}

export interface CallOutFailure {
  kind: CallLeg['kind'];
  label: string;
  reason: string;
}

/** What the server is told of a leg between two of the softphone's reports of it, in order. */
export function eventsBetween(before: SoftphoneLeg | undefined, now: SoftphoneLeg) {
  const events: {
    event: 'answered' | 'joined' | 'withdrawn' | 'rejoined' | 'ended' | 'failed';
    reason?: string;
  }[] = [];
  const was = before ?? ({ state: 'dialing', conference: false, withdrawn: false } as SoftphoneLeg);
  if (was.state === 'dialing' && now.state === 'active') events.push({ event: 'answered' });
  if (now.state === 'failed' && was.state !== 'failed')
    events.push({ event: 'failed', reason: now.reason ?? '?' });
  if (!was.conference && now.conference) events.push({ event: 'joined' });
  if (now.conference && !was.withdrawn && now.withdrawn) events.push({ event: 'withdrawn' });
  if (now.conference && was.withdrawn && !now.withdrawn) events.push({ event: 'rejoined' });
  if (now.state === 'ended' && was.state !== 'ended') events.push({ event: 'ended' });
  return events;
}

export function useCallsOut(phone: Phone) {
  const softphoneOn = phone.mode === 'softphone';
  const [destinations, setDestinations] = useState<DialDestination[]>([]);
  const [callbackOn, setCallbackOn] = useState(false);
  const [outs, setOuts] = useState<Record<string, CallOut>>({});
  const [failure, setFailure] = useState<CallOutFailure | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seen = useRef(new Map<string, SoftphoneLeg>());
  // Read by the report effect, which runs when the softphone's legs change (a new leg's entry is set beside it).
  const outsNow = useRef(outs);
  outsNow.current = outs;
  const { legs, setHeld, dialOut, hangUpLeg, join: joinAt, setWithdrawn } = phone.softphone;
  const mic = phone.microphone.state;

  useEffect(() => {
    if (!softphoneOn) return;
    api.fetchDestinations().then(
      (d) => {
        setDestinations(d.destinations);
        setCallbackOn(d.callback);
      },
      (err: unknown) => setError(err),
    );
  }, [softphoneOn]);

  // Each change the softphone made to a leg, reported once, in order; the caller is given back when it is over.
  useEffect(() => {
    for (const now of legs) {
      const before = seen.current.get(now.legId);
      seen.current.set(now.legId, now);
      const out = outsNow.current[now.legId];
      if (!out) continue;
      for (const e of eventsBetween(before, now))
        void api
          .reportLeg(now.legId, { ...e, sipCallId: now.sipCallId ?? undefined })
          .catch((err: unknown) => setError(err));
      if (now.state === 'failed')
        setFailure({ kind: out.leg.kind, label: out.leg.destinationLabel, reason: now.reason ?? '?' });
      if ((now.state === 'failed' || now.state === 'ended') && out.callerSipCallId)
        setHeld(out.callerSipCallId, false);
    }
    setOuts((all) => {
      const next = { ...all };
      for (const now of legs) if (next[now.legId]) next[now.legId] = { ...next[now.legId]!, phone: now };
      return next;
    });
  }, [legs, setHeld]);

  const start = useCallback(
    async (request: () => Promise<api.DialStarted>, callerSipCallId: string | null) => {
      if (mic.status !== 'open') throw new Error('no microphone');
      setFailure(null);
      setError(null);
      if (callerSipCallId) setHeld(callerSipCallId, true);
      try {
        const { leg, grant } = await request();
        setOuts((all) => ({ ...all, [leg.id]: { leg, callerSipCallId, phone: null } }));
        dialOut(leg.id, grant, mic.stream);
      } catch (err) {
        // Refused by the server: the caller is not left on hold.
        if (callerSipCallId) setHeld(callerSipCallId, false);
        setError(err);
      }
    },
    [mic, setHeld, dialOut],
  );

  const dial = useCallback(
    (callId: string, callerSipCallId: string, destination: string) =>
      start(() => api.dialFromCall(callId, destination), callerSipCallId),
    [start],
  );
  const callBack = useCallback((callId: string) => start(() => api.dialCallback(callId), null), [start]);
  const join = useCallback(
    (out: CallOut) => {
      if (out.callerSipCallId) joinAt(out.callerSipCallId, out.leg.id);
    },
    [joinAt],
  );
  const drop = useCallback((out: CallOut) => hangUpLeg(out.leg.id), [hangUpLeg]);

  const inProgress = (o: CallOut) =>
    o.phone === null || o.phone.state === 'dialing' || o.phone.state === 'active';
  /** The call out in progress (not over) from this call. */
  const current = (callId: string): CallOut | undefined =>
    Object.values(outs).find((o) => o.leg.callId === callId && inProgress(o));
  /** The callback in progress: its abandoned call leaves the list once answered, the callback stays. */
  const callbackInProgress = Object.values(outs).find((o) => o.leg.kind === 'callback' && inProgress(o));

  return {
    destinations,
    callbackOn: softphoneOn && callbackOn,
    failure,
    error,
    current,
    callbackInProgress,
    dial,
    callBack,
    join,
    drop,
    setWithdrawn,
    dismissFailure: () => setFailure(null),
  };
}

export type CallsOut = ReturnType<typeof useCallsOut>;
