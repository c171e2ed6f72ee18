// The softphone's life in the console: fetches short-lived SIP credentials, registers with them, renews them
// before they expire, and exposes the registration, the calls at the phone and the caller's audio.
import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../api.ts';
import type { DialGrant } from '@hcm112/shared';
import type { RegistrationState, Softphone, SoftphoneCall, SoftphoneLeg } from './softphone.ts';

/** Credentials are renewed when this share of their lifetime has passed. */
const RENEW_AT = 0.75;
/** After a failed credentials request, ask again this much later. */
const RETRY_MS = 10_000;

export type SoftphoneRegistration = RegistrationState | 'off' | 'no-credentials';

function renewDelay(expiresAt: string, now: number, issuedAt: number): number {
  const lifetime = Date.parse(expiresAt) - issuedAt;
  return Math.max(5_000, issuedAt + lifetime * RENEW_AT - now);
}

export function useSoftphone(enabled: boolean) {
  const [registration, setRegistration] = useState<SoftphoneRegistration>('off');
  const [cause, setCause] = useState<string | null>(null);
  const [calls, setCalls] = useState<readonly SoftphoneCall[]>([]);
  const [legs, setLegs] = useState<readonly SoftphoneLeg[]>([]);
  const [remoteStream, setRemoteStream] = useState<MediaStream | null>(null);
  const phone = useRef<Softphone | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (fn: () => void, ms: number) => {
      if (!stopped) timer = setTimeout(fn, ms);
    };
    const credentialsRound = async () => {
      const issuedAt = Date.now();
      try {
        const credentials = await api.fetchSipCredentials();
        if (stopped) return;
        if (phone.current) phone.current.renew(credentials);
        else {
          // The SIP stack loads only for a console that uses the softphone.
          const { Softphone } = await import('./softphone.ts');
          if (stopped) return;
          phone.current = new Softphone(credentials, {
            registration: (state, why) => {
              setRegistration(state);
              setCause(why ?? null);
            },
            calls: setCalls,
            legs: setLegs,
            remoteStream: setRemoteStream,
          });
          phone.current.start();
        }
        schedule(credentialsRound, renewDelay(credentials.expiresAt, Date.now(), issuedAt));
      } catch (err) {
        if (stopped) return;
        if (!phone.current) setRegistration('no-credentials');
        setCause(err instanceof Error ? err.message : String(err));
        schedule(credentialsRound, RETRY_MS);
      }
    };
    setRegistration('connecting');
    void credentialsRound();
    return () => {
      stopped = true;
      clearTimeout(timer);
      phone.current?.stop();
      phone.current = null;
      setRegistration('off');
      setCalls([]);
      setLegs([]);
      setRemoteStream(null);
    };
  }, [enabled]);

  const answer = useCallback(async (callId: string, microphone: MediaStream) => {
    if (!phone.current) throw new Error('the softphone is off');
    await phone.current.answer(callId, microphone);
  }, []);
  const hangUp = useCallback((callId: string) => phone.current?.hangUp(callId), []);
  const setMuted = useCallback(
    (callId: string, muted: boolean) => phone.current?.setMuted(callId, muted),
    [],
  );
  const setHeld = useCallback((callId: string, held: boolean) => phone.current?.setHeld(callId, held), []);
  const sendMicrophone = useCallback((stream: MediaStream) => phone.current?.sendMicrophone(stream), []);
  const dialOut = useCallback((legId: string, grant: DialGrant, microphone: MediaStream) => {
    if (!phone.current) throw new Error('the softphone is off');
    phone.current.dialOut(legId, grant, microphone);
  }, []);
  const hangUpLeg = useCallback((legId: string) => phone.current?.hangUpLeg(legId), []);
  const join = useCallback(
    (callerCallId: string, legId: string) => phone.current?.join(callerCallId, legId),
    [],
  );
  const setWithdrawn = useCallback((withdrawn: boolean) => phone.current?.setWithdrawn(withdrawn), []);

  return {
    registration,
    cause,
    calls,
    legs,
    remoteStream,
    answer,
    hangUp,
    setMuted,
    setHeld,
    sendMicrophone,
    dialOut,
    hangUpLeg,
    join,
    setWithdrawn,
  };
}
