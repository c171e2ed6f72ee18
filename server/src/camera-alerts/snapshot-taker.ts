// Background part: takes the camera's picture for each newly raised alert, after the alert is committed, so
// the analytics source's post is answered at once; stop() waits for pictures being taken.
import type { AppContext } from '../context.ts';
import type { Lifecycle } from '../server.ts';
import { snapshotAlert } from './snapshot.ts';

export async function startAlertSnapshots(ctx: AppContext): Promise<Lifecycle> {
  const inflight = new Set<Promise<void>>();
  let stopped = false;
  ctx.domain.on('alert.raised', ({ alertId, camera }) => {
    if (stopped) return;
    const p = snapshotAlert(ctx, alertId, camera).finally(() => inflight.delete(p));
    inflight.add(p);
    // Returned to the domain events, which log a failure.
    return p;
  });
  return {
    name: 'alert snapshots',
    async stop() {
      stopped = true;
      await Promise.allSettled([...inflight]);
    },
  };
}
