// The call-taker's desk as state: their own ACD state, the queue, the call in hand, and the actions on them. One
// action answers: the softphone picks up and the incident form opens; with a desk phone, picking it up opens it.
import type { Call, CallTakerStatus } from '@hcm112/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import type { Phone } from './phone/usePhone.ts';
import { isReadyForCalls } from './ReadyToggle.tsx';
import { serverClockOffset } from './wait-level.ts';

function withCall(call: Call) {
  return (s: CallsState) => applyCallEvent(s, { type: 'call.updated', call });
}

function withMe(callTaker: CallTakerStatus) {
  return (s: CallsState) => applyCallEvent(s, { type: 'calltaker.updated', callTaker });
}

export function useCallTakerDesk(userId: string, phone: Phone) {
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

  // A call offered to this call-taker becomes the call in hand; an ended one stays until closed. The call's own
  // ringing-agent event names it too: the call-taker's ringing event can carry no callId when it is written
  // before the call's row (a call offered the moment it arrives).
  // A text session offered or in hand is the text pane's (TextOffer, TextConversation), not the call panel's.
  const ringingHere = useMemo(
    () =>
      Object.values(live.state.calls).find(
        (c) => c.state === 'ringing-agent' && c.agentUserId === userId && c.channel !== 'text',
      )?.id,
    [live.state.calls, userId],
  );
  const mine = me?.callId ? live.state.calls[me.callId] : undefined;
  const offeredId = (mine?.channel === 'text' ? null : me?.callId) ?? ringingHere ?? null;
  useEffect(() => {
    if (offeredId) {
      setWorkingId(offeredId);
      setError(null);
    }
  }, [offeredId]);
  const workingCall = workingId ? live.state.calls[workingId] : undefined;
  const working = workingCall?.channel === 'text' ? undefined : workingCall;
  useEffect(() => {
    if (workingId && !workingCall) api.fetchCall(workingId).then((c) => update(withCall(c)), setError);
  }, [workingId, workingCall, update]);

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

  // Going ready with a softphone that cannot take a call is refused; the reason is on screen (ReadyToggle).
  const toggleReady = () => {
    const ready = isReadyForCalls(me);
    if (!ready && phone.readyBlocker) return;
    void act(async () => update(withMe(await api.setReady(!ready))), setReadyError);
  };
  const claim = (call: Call) =>
    act(async () => {
      update(withCall(await api.acceptCall(call.id)));
      setAccepted((s) => new Set(s).add(call.id));
    });
  const answer = () => {
    if (!working) return;
    const call = working;
    const atSoftphone = phone.mode === 'softphone' && call.state === 'ringing-agent';
    if (!atSoftphone) return void claim(call);
    void act(async () => {
      await phone.answer(call.sipCallId);
      update(withCall(await api.acceptCall(call.id)));
      setAccepted((s) => new Set(s).add(call.id));
    });
  };
  // A desk phone answered the call offered to this call-taker: the form opens with no click (once per call).
  const autoClaimed = useRef(new Set<string>());
  const deskAnswered =
    phone.mode === 'desk' && working?.state === 'answered' && working.agentUserId === userId ? working : null;
  useEffect(() => {
    if (!deskAnswered || autoClaimed.current.has(deskAnswered.id)) return;
    autoClaimed.current.add(deskAnswered.id);
    void claim(deskAnswered);
  });
  // The call goes through call control (BYE to both sides, audited); if that fails, the softphone ends its leg.
  // A desk phone's call may be ended as soon as it is offered here: the phone can answer before the console has
  // claimed the call, and call control refuses a call not yet answered (shown as an error, never a silent key).
  const hangUp = () => {
    const deskCall =
      phone.mode === 'desk' &&
      working?.agentUserId === userId &&
      (working.state === 'answered' || working.state === 'ringing-agent');
    if (!working || !(accepted.has(working.id) || deskCall)) return;
    const call = working;
    void act(async () => {
      try {
        update(withCall(await api.hangUp(call.id)));
      } catch (err) {
        if (!phone.callAt(call.sipCallId)) throw err;
        phone.softphone.hangUp(call.sipCallId);
      }
    });
  };
  const softphoneCall = working ? phone.callAt(working.sipCallId) : undefined;
  const toggleMute = () => {
    if (softphoneCall) phone.softphone.setMuted(softphoneCall.callId, !softphoneCall.muted);
  };
  const toggleHold = () => {
    if (softphoneCall) phone.softphone.setHeld(softphoneCall.callId, !softphoneCall.held);
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
    softphoneCall,
    toggleReady,
    answer,
    hangUp,
    toggleMute,
    toggleHold,
    close,
    done,
  };
}
