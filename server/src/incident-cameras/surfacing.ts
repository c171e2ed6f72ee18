// Background part: keeps each incident's camera list in step, after the change that moved it is committed
// (incident created or relocated; a camera added, moved, re-aimed, removed or found on/offline).
import type { AppContext } from '../context.ts';
import type { Lifecycle } from '../server.ts';
import { recomputeAfterCameraChange, recomputeIncidentCameras, samePoint } from './service.ts';

export async function startCameraSurfacing(ctx: AppContext): Promise<Lifecycle> {
  const inflight = new Set<Promise<void>>();
  let stopped = false;
  // Returned to the domain events, which log a failure; kept here so stop() waits for work in flight.
  const track = async (work: () => Promise<unknown>): Promise<void> => {
    if (stopped) return;
    const p = work()
      .then(() => undefined)
      .finally(() => inflight.delete(p));
    inflight.add(p);
    return p;
  };

  ctx.domain.on('incident.changed', ({ incident, previous }) => {
    if (previous && samePoint(previous.location.point, incident.location.point)) return;
    return track(() => recomputeIncidentCameras(ctx, incident.id));
  });
  ctx.domain.on('cameras.changed', (change) => track(() => recomputeAfterCameraChange(ctx, change)));

  return {
    name: 'camera surfacing',
    async stop() {
      stopped = true;
      await Promise.allSettled([...inflight]);
    },
  };
}
