// A call's location history as the console holds it: fetched again each time the call is announced (every new
// location announces it, usable or not, so an unusable answer shows too) and whenever a caller of `reload` asks.
import { type Call, CallLocationHistory } from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../api/http.ts';

export interface CallLocations {
  history: CallLocationHistory | null;
  reload: () => void;
}

export function useCallLocations(call: Call): CallLocations {
  // Kept with its call's id, so the next call in hand never shows the last one's locations.
  const [held, setHeld] = useState<{ callId: string; history: CallLocationHistory } | null>(null);
  const [asked, setAsked] = useState(0);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  const id = call.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `call` and `asked` are when to fetch, not what.
  useEffect(() => {
    let current = true;
    get(`/calls/${id}/locations`, CallLocationHistory).then(
      (h) => {
        if (current) setHeld({ callId: id, history: h });
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [id, call, asked]);
  return { history: held?.callId === id ? held.history : null, reload };
}
