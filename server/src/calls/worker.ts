// Background part: BullMQ workers taking call and call-taker events from call control, one worker per shard
// of calls, each one job at a time, so a call's events apply in order and different calls in parallel.
import { CALL_EVENT_SHARDS, CallControlEvent, callEventQueueName, hopNow } from '@hcm112/shared';
import { HopTrace } from '@hcm112/shared/hop-trace';
import { type Job, Worker } from 'bullmq';
import { publishCallTakerEvent } from '../call-takers/service.ts';
import type { AppContext } from '../context.ts';
import type { Lifecycle } from '../server.ts';
import { logRedisOutages } from '../redis-health.ts';
import { recordCallEvent } from './recorder.ts';
import { MAX_CALL_EVENT_ATTEMPTS, parkFailedCallEvent } from './failed-events.ts';
import { applyInOrder } from './retry.ts';

export async function startCallEventWorker(ctx: AppContext): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'call-events' });
  let stopping = false;
  const hopTrace = new HopTrace(ctx.redis, ctx.config.REDIS_PREFIX, ctx.config.HOP_TRACE, (err) =>
    log.warn({ err }, 'hop trace not written'),
  );
  const handle = async (job: Job) => {
    const picked = hopNow();
    const parsed = CallControlEvent.safeParse(job.data);
    if (!parsed.success) {
      log.error({ jobId: job.id, issues: parsed.error.issues }, 'malformed call event dropped');
      return;
    }
    const event = parsed.data;
    if (event.type === 'arrived') hopTrace.note(event.sipCallId, { ...event.hops, picked });
    try {
      await applyEvent(event, job);
    } catch (err) {
      // The last attempt: park it for a supervisor instead of retrying (and only logging) without end.
      const last = Math.min(MAX_CALL_EVENT_ATTEMPTS, job.opts.attempts ?? 1);
      if (stopping || job.attemptsMade + 1 < last) throw err;
      await parkFailedCallEvent(ctx.recordingDb, event, err, job.attemptsMade + 1);
      log.error({ jobId: job.id, err, type: event.type }, 'call event parked after every retry failed');
    }
  };
  const applyEvent = async (event: CallControlEvent, job: Job) => {
    await applyInOrder(
      () =>
        event.type === 'calltaker'
          ? publishCallTakerEvent(ctx, event)
          : recordCallEvent(ctx, event, hopTrace),
      {
        stopping: () => stopping,
        onRetry: (err, attempt) =>
          log.warn(
            { jobId: job.id, err: err instanceof Error ? err.message : String(err), attempt },
            'call event not recorded yet, retrying in order',
          ),
      },
    );
  };
  // PostgreSQL away: the job waits in place (applyInOrder). Anything else that keeps failing (an event ahead
  // of its call) is retried by BullMQ with backoff, at most MAX_CALL_EVENT_ATTEMPTS times, then parked.
  const workers = Array.from({ length: CALL_EVENT_SHARDS }, (_, shard) => {
    const connection = logRedisOutages(
      ctx.redis.duplicate({ maxRetriesPerRequest: null }),
      log,
      `call-events-${shard}`,
    );
    const worker = new Worker(callEventQueueName(shard), handle, {
      connection,
      prefix: ctx.config.REDIS_PREFIX,
      concurrency: 1,
    });
    worker.on('failed', (job, err) =>
      log.warn(
        { jobId: job?.id, err: err.message, attempts: job?.attemptsMade },
        'call event not recorded yet',
      ),
    );
    return { worker, connection };
  });
  return {
    name: 'call event workers',
    async stop() {
      stopping = true;
      await Promise.all(workers.map((w) => w.worker.close()));
      // BullMQ leaves a connection it was given open.
      for (const w of workers) w.connection.disconnect();
      await hopTrace.close();
    },
  };
}
