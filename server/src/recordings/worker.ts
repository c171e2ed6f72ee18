// Background part: the recordings queue (BullMQ), fed when an answered call ends, worked off the call path so
// decoding and encoding never delay a call or its events.
import { RECORDINGS_QUEUE, RecordingJob } from '@hcm112/shared';
import { type Job, Queue, Worker } from 'bullmq';
import type { AppContext } from '../context.ts';
import { logRedisOutages } from '../redis-health.ts';
import type { Lifecycle } from '../server.ts';
import { expireRecordings } from './retention.ts';
import { makeRecording } from './service.ts';
import { makeVideoRecording } from './video-service.ts';

/** Two encodes at once: one per core of the reference machine, leaving Kamailio and rtpengine room. */
const CONCURRENCY = 2;

const queues = new WeakMap<AppContext, Queue>();

/**
 * Asks for the call's (or a leg's, or a link's video) recording; one job per call, leg or link (its id): a repeated
 * `ended` adds nothing.
 */
export async function requestRecording(ctx: AppContext, job: RecordingJob): Promise<void> {
  let queue = queues.get(ctx);
  if (!queue) {
    queue = new Queue(RECORDINGS_QUEUE, { connection: ctx.redis, prefix: ctx.config.REDIS_PREFIX });
    queues.set(ctx, queue);
  }
  await queue.add('record', job, {
    jobId: job.linkId ? `video-${job.linkId}` : (job.legId ?? job.callId),
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: 1000,
    removeOnFail: 1000,
  });
}

export async function startRecordingWorker(ctx: AppContext): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'recordings' });
  const connection = logRedisOutages(ctx.redis.duplicate({ maxRetriesPerRequest: null }), log, 'recordings');
  const worker = new Worker(
    RECORDINGS_QUEUE,
    async (job: Job) => {
      const parsed = RecordingJob.safeParse(job.data);
      if (!parsed.success) {
        log.error({ jobId: job.id, issues: parsed.error.issues }, 'malformed recording job dropped');
        return;
      }
      const { linkId, callId } = parsed.data;
      if (linkId) await makeVideoRecording(ctx, callId, linkId);
      else await makeRecording(ctx, parsed.data);
    },
    { connection, prefix: ctx.config.REDIS_PREFIX, concurrency: CONCURRENCY },
  );
  worker.on('failed', (job, err) =>
    log.warn({ jobId: job?.id, err: err.message, attempts: job?.attemptsMade }, 'recording job failed'),
  );
  // Every instance sweeps; a recording is marked deleted once (the update is conditional), audited once.
  const sweep = setInterval(() => {
    expireRecordings(ctx).catch((err: unknown) => log.error({ err: String(err) }, 'retention round failed'));
  }, ctx.config.RECORDING_RETENTION_SWEEP_SECONDS * 1000);
  return {
    name: 'recording worker',
    async stop() {
      clearInterval(sweep);
      await worker.close();
      await queues.get(ctx)?.close();
      queues.delete(ctx);
      connection.disconnect();
    },
  };
}
