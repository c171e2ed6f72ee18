// Background part: SIP MESSAGEs to the emergency numbers, handed over by call control (BullMQ "text-in"),
// one at a time so a sender's messages keep their order; the citizens' event channel; and the sync of the text
// sessions with the ACD whenever call control comes (back) in sync.
import { SipTextIn, TEXT_IN_QUEUE } from '@hcm112/shared';
import { type Job, Worker } from 'bullmq';
import type { AppContext } from '../context.ts';
import { logRedisOutages } from '../redis-health.ts';
import type { Lifecycle } from '../server.ts';
import { startCitizenChannel } from './citizen-channel.ts';
import { receiveSipText } from './service.ts';
import { startTextSync } from './text-sync.ts';

export async function startTextWorker(ctx: AppContext): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'text112' });
  const channel = await startCitizenChannel(ctx);
  const sync = startTextSync(ctx, log);
  const connection = logRedisOutages(ctx.redis.duplicate({ maxRetriesPerRequest: null }), log, TEXT_IN_QUEUE);
  const worker = new Worker(
    TEXT_IN_QUEUE,
    async (job: Job) => {
      const parsed = SipTextIn.safeParse(job.data);
      if (!parsed.success) {
        log.error({ jobId: job.id, issues: parsed.error.issues }, 'malformed SIP text dropped');
        return;
      }
      await receiveSipText(ctx, parsed.data);
    },
    { connection, prefix: ctx.config.REDIS_PREFIX, concurrency: 1 },
  );
  worker.on('failed', (job, err) =>
    log.warn({ jobId: job?.id, err: err.message }, 'SIP text not recorded yet'),
  );
  return {
    name: 'text112 worker',
    async stop() {
      await sync.stop();
      await worker.close();
      connection.disconnect();
      await channel.stop();
    },
  };
}
