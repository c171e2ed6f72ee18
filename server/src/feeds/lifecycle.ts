// Background part: stops idle restreams, stops a camera's restream when its stream settings change, and
// ends every restream with the server.
import type { AppContext } from '../context.ts';
import type { Lifecycle } from '../server.ts';

export async function startCameraFeeds(ctx: AppContext): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'feeds' });
  const everyMs = Math.min(5000, (ctx.config.RESTREAM_IDLE_SECONDS * 1000) / 3);
  const sweeper = setInterval(() => {
    ctx.restreams.sweep().catch((err: unknown) => log.error({ err }, 'restream sweep failed'));
  }, everyMs);
  ctx.domain.on('cameras.changed', async ({ cameraIds, reason }) => {
    // A failed health probe must not cut a feed someone is watching; an admin's change of stream must.
    if (reason !== 'registry') return;
    await Promise.all(cameraIds.map((id) => ctx.restreams.stop(id, 'camera changed')));
  });
  return {
    name: 'camera feeds',
    async stop() {
      clearInterval(sweeper);
      await ctx.restreams.stopAll();
    },
  };
}
