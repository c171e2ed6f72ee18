// A screen's state kept live: fetched over HTTP, then changed by the stream's events. Events that arrive while a
// fetch is in flight are held and applied after it, so nothing between the fetch and the socket is lost.
import type { RealtimeEvent, Stream } from '@hcm112/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useRealtimeClient } from './RealtimeProvider.tsx';

export interface LiveStateOptions<S> {
  streams: readonly Stream[];
  initial: S;
  /** Fetches the current state; resolves to a function that puts it into the held state. */
  load: () => Promise<(state: S) => S>;
  apply: (state: S, event: RealtimeEvent) => S;
}

export interface LiveState<S> {
  state: S;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** Puts an HTTP answer into the state at once (e.g. the incident returned by an assignment). */
  update: (change: (state: S) => S) => void;
}

type Action<S> = { kind: 'event'; event: RealtimeEvent } | { kind: 'change'; change: (state: S) => S };

export function useLiveState<S>(options: LiveStateOptions<S>): LiveState<S> {
  const client = useRealtimeClient();
  const opts = useRef(options);
  opts.current = options;
  const [state, dispatch] = useReducer(
    (s: S, a: Action<S>) => (a.kind === 'event' ? opts.current.apply(s, a.event) : a.change(s)),
    options.initial,
  );
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const held = useRef<RealtimeEvent[] | null>(null);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    held.current ??= [];
    setLoading(true);
    opts.current.load().then(
      (put) => {
        if (mine !== generation.current) return;
        dispatch({ kind: 'change', change: put });
        for (const event of held.current ?? []) dispatch({ kind: 'event', event });
        held.current = null;
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        for (const event of held.current ?? []) dispatch({ kind: 'event', event });
        held.current = null;
        setError(err);
        setLoading(false);
      },
    );
  }, []);

  const streamsKey = options.streams.join(',');
  useEffect(() => {
    const streams = streamsKey.split(',');
    const offEvent = client.onEvent((envelope) => {
      if (!streams.includes(envelope.stream)) return;
      if (held.current) held.current.push(envelope.event);
      else dispatch({ kind: 'event', event: envelope.event });
    });
    const offResync = client.onResync((stream) => {
      if (streams.includes(stream)) reload();
    });
    reload();
    return () => {
      offEvent();
      offResync();
      generation.current++;
    };
  }, [client, streamsKey, reload]);

  const update = useCallback((change: (s: S) => S) => dispatch({ kind: 'change', change }), []);
  return { state, loading, error, reload, update };
}
