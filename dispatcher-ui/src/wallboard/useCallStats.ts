// Today's call figures from GET /calls/stats, fetched again shortly after any call event and every 10 s anyway
// (shares and the longest wait change with time alone).
import { CallStats } from '@hcm112/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from '../api/http.ts';
import { useRealtimeClient } from '../realtime/RealtimeProvider.tsx';

const REFRESH_MS = 10_000;
/** Many call events in a burst cause one fetch. */
const SETTLE_MS = 500;

export interface CallStatsState {
  stats: CallStats | null;
  /** When the figures were fetched (this browser's clock), for the longest wait to count on between fetches. */
  fetchedAt: number;
  error: unknown;
  reload: () => void;
}

export function useCallStats(): CallStatsState {
  const client = useRealtimeClient();
  const [stats, setStats] = useState<CallStats | null>(null);
  const [fetchedAt, setFetchedAt] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const again = useRef(false);

  const reload = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    get('/calls/stats', CallStats)
      .then(
        (s) => {
          setStats(s);
          setFetchedAt(Date.now());
          setError(null);
        },
        (err: unknown) => setError(err),
      )
      .finally(() => {
        inFlight.current = false;
        if (again.current) {
          again.current = false;
          reload();
        }
      });
  }, []);

  useEffect(() => {
    let settle: ReturnType<typeof setTimeout> | undefined;
    const off = client.onEvent((envelope) => {
      if (envelope.stream !== 'calls' || settle) return;
      settle = setTimeout(() => {
        settle = undefined;
        reload();
      }, SETTLE_MS);
    });
    const offResync = client.onResync((stream) => {
      if (stream === 'calls') reload();
    });
    const timer = setInterval(reload, REFRESH_MS);
    reload();
    return () => {
      off();
      offResync();
      clearInterval(timer);
      if (settle) clearTimeout(settle);
    };
  }, [client, reload]);

  return { stats, fetchedAt, error, reload };
}
