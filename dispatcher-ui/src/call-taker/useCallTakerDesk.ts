// The call-taker's desk as state: their own ACD state, the queue, the call in hand, and the actions on them.
import type { Call, CallTakerStatus } from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import {
  applyCallEvent,
  type CallsState,
  emptyCalls,
  loadCalls,
  loadCallTakers,
} from '../realtime/reducers/calls.ts';
import { useLiveState } from '../realtime/useLiveState.ts';
import * as api from './api.ts';
import { type CallOutcome, isCallInHand } from './CallPanel.tsx';
import { isReadyForCalls } from './ReadyToggle.tsx';
import { serverClockOffset } from './wait-level.ts';

function withCall(call: Call) {
  return (s: CallsState) => applyCallEvent(s, { type: 'call.updated', call });
}

function withMe(callTaker: CallTakerStatus) {
  return (s: CallsState) => applyCallEvent(s, { type: 'calltaker.updated', callTaker });
}

export function useCallTakerDesk(userId: string) {
  const [clockOffsetMs, setClockOffset] = useState(0);
  const live = useLiveState({
    streams: ['calls'],
    initial: emptyCalls,
    load: async () => {
      const [queue, me] = await Promise.all([api.fetchQueue(), api.fetchMe()]);
      setClockOffset(serverClockOffset(queue, Date.now()));
      const current = me.callId ? await api.fetchCall(me.callId) : null;
      return (s) => loadCallTakers(loadCalls(s, current ? [...queue, current] : queue), [me]);
    },
    apply: applyCallEvent,
  });
  const { update } = live;
  const me = live.state.callTakers[userId];
  const [workingId, setWorkingId] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Readonly<Record<string, CallOutcome>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [readyError, setReadyError] = useState<unknown>(null);

  // A call offered to this call-taker becomes the call in hand; an ended one stays until closed.
  const offeredId = me?.callId ?? null;
  useEffect(() => {
    if (offeredId) {
      setWorkingId(offeredId);
      setError(null);
    }
  }, [offeredId]);
  const working = workingId ? live.state.calls[workingId] : undefined;
  useEffect(() => {
    if (workingId && !working) api.fetchCall(workingId).then((c) => update(withCall(c)), setError);
  }, [workingId, working, update]);

  const act = useCallback(async (action: () => Promise<void>, onError = setError) => {
    setBusy(true);
    try {
      await action();
      onError(null);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }, []);

  const toggleReady = () =>
    void act(async () => update(withMe(await api.setReady(!isReadyForCalls(me)))), setReadyError);
  const answer = () => {
    if (!working) return;
    void act(async () => {
      update(withCall(await api.acceptCall(working.id)));
      setAccepted((s) => new Set(s).add(working.id));
    });
  };
  const hangUp = () => {
    if (working && accepted.has(working.id))
      void act(async () => update(withCall(await api.hangUp(working.id))));
  };
  const close = () => {
    if (working && !isCallInHand(working, userId)) setWorkingId(null);
  };
  const done = (outcome: CallOutcome) => {
    if (working) setOutcomes((o) => ({ ...o, [working.id]: outcome }));
  };

  return {
    live,
    me,
    clockOffsetMs,
    working,
    accepted: working ? accepted.has(working.id) : false,
    outcome: working ? (outcomes[working.id] ?? null) : null,
    busy,
    error,
    readyError,
    toggleReady,
    answer,
    hangUp,
    close,
    done,
  };
}
