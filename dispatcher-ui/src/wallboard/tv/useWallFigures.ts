// The wall display's figures, read every 2 s for as long as the screen is on: one request at a time, each given
// up after 10 s (a cut network never stalls the board), only the latest answer kept (memory stays flat for
// days), and the page reloaded once a day while the server answers (a browser left open for weeks starts fresh).
// A refused credential (revoked, expired) stops the reads and says so.
import { WallboardFigures } from '@hcm112/shared';
import { useEffect, useState } from 'react';

const POLL_MS = 2000;
const GIVE_UP_MS = 10_000;
/** After a failure, wait longer each time up to this (a restarting server is not hammered by every screen). */
const MAX_BACKOFF_MS = 15_000;
const RELOAD_AFTER_MS = 24 * 3600_000;

export type WallFeed =
  | { kind: 'loading' }
  /** `display`: the refused credential was a wall display's (else a person's session, or none). */
  | { kind: 'denied'; display: boolean }
  | { kind: 'live'; figures: WallboardFigures; receivedAt: number; failingSince: number | null };

async function readFigures(signal: AbortSignal): Promise<WallboardFigures | 'denied'> {
  const res = await fetch('/api/wallboard/tv', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (res.status === 401 || res.status === 403) return 'denied';
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return WallboardFigures.parse(await res.json());
}

export function useWallFigures(): WallFeed {
  const [feed, setFeed] = useState<WallFeed>({ kind: 'loading' });
  useEffect(() => {
    const startedAt = Date.now();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const next = (ms: number) => {
      if (!stopped) timer = setTimeout(tick, ms);
    };
    const tick = async () => {
      const abort = new AbortController();
      const giveUp = setTimeout(() => abort.abort(), GIVE_UP_MS);
      try {
        const read = await readFigures(abort.signal);
        if (stopped) return;
        if (read === 'denied') {
          setFeed((f) => ({ kind: 'denied', display: f.kind !== 'live' || f.figures.display !== null }));
          return;
        }
        failures = 0;
        if (Date.now() - startedAt > RELOAD_AFTER_MS) {
          window.location.reload();
          return;
        }
        setFeed({ kind: 'live', figures: read, receivedAt: Date.now(), failingSince: null });
        next(POLL_MS);
      } catch {
        if (stopped) return;
        failures += 1;
        setFeed((f) =>
          f.kind === 'live' && f.failingSince === null ? { ...f, failingSince: Date.now() } : f,
        );
        next(Math.min(MAX_BACKOFF_MS, POLL_MS * 2 ** Math.min(failures, 3)));
      } finally {
        clearTimeout(giveUp);
      }
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, []);
  return feed;
}
