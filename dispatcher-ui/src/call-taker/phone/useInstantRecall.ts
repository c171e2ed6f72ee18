// Instant recall for the call-taker: during a softphone call, the last 60 s from the console's own buffer of both
// streams (the server records that they listened); once the call ended, its last 60 s from the stored recording.
// Played only in the console: the caller never hears it, and the call goes on.
import type { Call } from '@hcm112/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../api.ts';
import { encodeWav, RECALL_SECONDS, RecallBuffer } from './recall-buffer.ts';
import type { Phone } from './usePhone.ts';

export interface Replay {
  url: string;
  source: 'live' | 'recording';
  seconds: number;
}

export function useInstantRecall(phone: Phone, call: Call | undefined, userId: string) {
  const buffer = useRef<RecallBuffer | null>(null);
  const [replay, setReplay] = useState<Replay | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const active = call ? phone.callAt(call.sipCallId)?.state === 'active' : false;
  const remote = phone.softphone.remoteStream;
  const mic = phone.microphone.state;
  const microphone = mic.status === 'open' ? mic.stream : null;
  useEffect(() => {
    if (!active || !remote || !microphone) return;
    const kept = new RecallBuffer(remote, microphone);
    buffer.current = kept;
    return () => {
      kept.stop();
      if (buffer.current === kept) buffer.current = null;
    };
  }, [active, remote, microphone]);

  // Another call in hand: the last one's replay goes (state adjusted during render, as React advises).
  const callId = call?.id;
  const [replayFor, setReplayFor] = useState(callId);
  if (replayFor !== callId) {
    setReplayFor(callId);
    setReplay(null);
    setError(null);
  }
  useEffect(() => () => (replay ? URL.revokeObjectURL(replay.url) : undefined), [replay]);

  const live = active && remote !== null && microphone !== null;
  const ended = call?.state === 'ended' && call.agentUserId === userId;
  const available = live || ended;

  const start = useCallback(async () => {
    if (!call || busy) return;
    setBusy(true);
    setError(null);
    try {
      const kept = buffer.current;
      if (kept && call.state === 'answered') {
        // What was said up to the key press, taken before the round trip.
        const { channels, rate } = kept.last(RECALL_SECONDS);
        const seconds = Math.max(1, Math.min(RECALL_SECONDS, Math.ceil(kept.seconds)));
        await api.recordLiveRecall(call.id, seconds);
        setReplay({ url: URL.createObjectURL(encodeWav(channels, rate)), source: 'live', seconds });
      } else if (call.state === 'ended' && call.agentUserId === userId) {
        const blob = await api.fetchLastCallRecall(call.id);
        setReplay({ url: URL.createObjectURL(blob), source: 'recording', seconds: RECALL_SECONDS });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, [call, busy, userId]);
  const close = useCallback(() => setReplay(null), []);

  return { available, busy, replay, error, start, close };
}

export type InstantRecall = ReturnType<typeof useInstantRecall>;
