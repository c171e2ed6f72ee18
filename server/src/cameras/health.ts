// Background part: every CAMERA_HEALTH_INTERVAL_SECONDS, probe each camera stream (a few at a time, cheaply)
// and record online/offline; a camera that flips is pushed to consoles and its incidents' lists re-ranked.
// One instance runs each round (a Redis lock), however many servers there are.
import type { AppContext } from '../context.ts';
import type { Lifecycle } from '../server.ts';
import { probeStream } from './probe.ts';
import * as repo from './repository.ts';
import { cameraForRole } from './service.ts';

const CONCURRENCY = 8;
const PROBE_TIMEOUT_MS = 3000;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** One health round; returns the ids of cameras whose state changed. */
export async function checkCameraHealth(ctx: AppContext): Promise<string[]> {
  const cameras = await repo.listStreamedCameras(ctx.db);
  const results = await mapLimit(cameras, CONCURRENCY, async (c) => ({
    id: c.id,
    online: await probeStream(c.streamKind, c.streamUrl, PROBE_TIMEOUT_MS, ctx.cameraNetworks),
  }));
  const flipped = await repo.recordHealth(ctx.db, results, ctx.clock());
  for (const id of flipped) {
    const camera = await repo.findCamera(ctx.db, id);
    if (camera)
      await ctx.events.publish({ type: 'camera.updated', camera: cameraForRole(camera, 'dispatcher') });
  }
  if (flipped.length > 0)
    ctx.domain.emit('cameras.changed', { cameraIds: flipped, points: [], reason: 'health' });
  return flipped;
}

export async function startCameraHealth(ctx: AppContext): Promise<Lifecycle> {
  const everyMs = ctx.config.CAMERA_HEALTH_INTERVAL_SECONDS * 1000;
  if (everyMs === 0) return { name: 'camera health', stop: async () => {} };
  const log = ctx.log.child({ module: 'camera-health' });
  const lockKey = `${ctx.config.REDIS_PREFIX}:cameras:health-round`;
  let round: Promise<void> | undefined;
  const runRound = async () => {
    // Held for most of an interval: another instance skips this round rather than probing the same cameras.
    const won = await ctx.redis.set(lockKey, String(process.pid), 'PX', Math.max(500, everyMs - 250), 'NX');
    if (!won) return;
    const flipped = await checkCameraHealth(ctx);
    if (flipped.length > 0) log.info({ flipped: flipped.length }, 'camera health changed');
  };
  const timer = setInterval(() => {
    if (round) return; // the previous round is still probing
    round = runRound()
      .catch((err: unknown) => log.error({ err }, 'camera health round failed'))
      .finally(() => {
        round = undefined;
      });
  }, everyMs);
  return {
    name: 'camera health',
    async stop() {
      clearInterval(timer);
      await round;
    },
  };
}
