// The call-taker's phone as the console sees it: the chosen mode, and in softphone mode the microphone, the
// registration, the call at the phone and its actions, and why the call-taker may not go ready yet.
import type { PhoneMode } from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import type { MicrophoneProblem } from './microphone.ts';
import { storePhoneMode, storedPhoneMode } from './phone-prefs.ts';
import type { SoftphoneCall } from './softphone.ts';
import { useMicrophone } from './useMicrophone.ts';
import { useSoftphone } from './useSoftphone.ts';

/** Why a softphone console may not go ready: no usable microphone, or not registered. */
export type ReadyBlocker = `mic-${MicrophoneProblem}` | 'mic-opening' | 'not-registered';

export function usePhone(userId: string) {
  const [mode, setModeState] = useState<PhoneMode>(() => storedPhoneMode(userId));
  const softphoneOn = mode === 'softphone';
  const microphone = useMicrophone(softphoneOn);
  const softphone = useSoftphone(softphoneOn);

  const setMode = useCallback(
    (next: PhoneMode) => {
      storePhoneMode(userId, next);
      setModeState(next);
    },
    [userId],
  );

  const mic = microphone.state;
  const { sendMicrophone } = softphone;
  useEffect(() => {
    if (mic.status === 'open') sendMicrophone(mic.stream);
  }, [mic, sendMicrophone]);

  const readyBlocker = ((): ReadyBlocker | null => {
    if (!softphoneOn) return null;
    if (mic.status === 'failed') return `mic-${mic.problem}`;
    if (mic.status !== 'open') return 'mic-opening';
    if (softphone.registration !== 'registered') return 'not-registered';
    return null;
  })();

  const { answer: answerAt } = softphone;
  /** Answers the call with this SIP Call-ID at the softphone with the open microphone. */
  const answer = useCallback(
    async (sipCallId: string) => {
      if (mic.status !== 'open') throw new Error('no microphone');
      await answerAt(sipCallId, mic.stream);
    },
    [mic, answerAt],
  );

  const callAt = (sipCallId: string): SoftphoneCall | undefined =>
    softphone.calls.find((c) => c.callId === sipCallId);

  return {
    mode,
    setMode,
    microphone,
    softphone,
    readyBlocker,
    answer,
    callAt,
  };
}

export type Phone = ReturnType<typeof usePhone>;
