// Background part: the BullMQ worker that takes call and call-taker events from call control, one at a time,
// in order.
import { CALL_EVENTS_QUEUE, CallControlEvent } from '@hcm112/shared';
import { Worker } from 'bullmq';
import { publishCallTakerEvent } from '../calltakers/service.ts';
import type { AppContext } from '../context.ts';
import type { Lifecycle } from '../server.ts';
import { recordCallEvent } from './recorder.ts';

export async function startCallEventWorker(ctx: AppContext): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'call-events' });
  // Concurrency 1: a call's events apply in the order call control sent them. A failed job (PostgreSQL
  // away, or an event ahead of its call) is retried with backoff until it is recorded.
  const worker = new Worker(
    CALL_EVENTS_QUEUE,
    async (job) => {
      const parsed = CallControlEvent.safeParse(job.data);
      if (!parsed.success) {
        log.error({ jobId: job.id, issues: parsed.error.issues }, 'malformed call event dropped');
        return;
      }
      const event = parsed.data;
      if (event.type === 'calltaker') await publishCallTakerEvent(ctx, event);
      else await recordCallEvent(ctx, event);
    },
    {
      connection: ctx.redis.duplicate({ maxRetriesPerRequest: null }),
      prefix: ctx.config.REDIS_PREFIX,
      concurrency: 1,
    },
  );
  worker.on('failed', (job, err) =>
    log.warn(
      { jobId: job?.id, err: err.message, attempts: job?.attemptsMade },
      'call event not recorded yet',
    ),
  );
  return { name: 'call event worker', stop: () => worker.close() };
}
