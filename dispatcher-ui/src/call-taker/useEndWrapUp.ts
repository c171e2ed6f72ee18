// Ending one's wrap-up early: the request, and the call-taker's new state applied to the desk at once.
import type { CallTakerStatus } from '@hcm112/shared';
import { useCallback, useState } from 'react';
import { applyCallEvent, type CallsState } from '../realtime/reducers/calls.ts';
import { endWrapUp } from './api.ts';

export function useEndWrapUp(
  me: CallTakerStatus | undefined,
  update: (change: (s: CallsState) => CallsState) => void,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inWrapUp = me?.state === 'wrap-up';
  const end = useCallback(() => {
    if (!inWrapUp) return;
    setBusy(true);
    endWrapUp()
      .then((callTaker) => {
        update((s) => applyCallEvent(s, { type: 'calltaker.updated', callTaker }));
        setError(null);
      }, setError)
      .finally(() => setBusy(false));
  }, [inWrapUp, update]);
  return { end, busy, error: inWrapUp ? error : null };
}
