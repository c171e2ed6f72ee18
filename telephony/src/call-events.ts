// Call and call-taker events for the server (which records calls in PostgreSQL and pushes both to consoles),
// through the BullMQ queues "call-events-<n>", one per shard of calls: durable in Redis, retried until
// PostgreSQL takes them.
//
// Emitting does not wait for Redis: call control handles Kamailio's events one at a time (serial.ts), and an add
// awaited inside that order made every later event wait a round trip (at 800 calls/s, two events a call, the
// order could not keep up). Events go out in the order emitted, those emitted while a batch is in flight in one
// pipeline per queue with the next batch, and adds Redis refuses are sent again, as they were, until it takes them.
import { createHash } from 'node:crypto';
import { CALL_EVENT_SHARDS, type CallControlEvent, callEventQueue, callEventQueueName } from '@hcm112/shared';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

interface PendingAdd {
  queue: string;
  name: string;
  data: CallControlEvent;
  opts: JobsOptions;
  /** Called once the add is in Redis. */
  added?: () => void;
}

/** The wait before a batch Redis refused is sent again, doubling up to the last. */
const RETRY_MS = [100, 200, 400, 800, 1600, 3200];

export class CallEventSink {
  private readonly queues = new Map<string, Queue>();
  private n = 0;
  private pending: PendingAdd[] = [];
  private sending: Promise<void> | undefined;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly instance: string,
    private readonly log: Logger,
  ) {
    for (let shard = 0; shard < CALL_EVENT_SHARDS; shard += 1) {
      const name = callEventQueueName(shard);
      this.queues.set(name, new Queue(name, { connection, prefix }));
    }
  }

  /** Hands `event` to the queues; `added` is called once Redis holds it. */
  emit(event: CallControlEvent, added?: () => void): void {
    this.n += 1;
    const subject = event.type === 'calltaker' ? event.extension : event.sipCallId;
    this.pending.push({
      queue: callEventQueue(subject),
      name: event.type,
      data: event,
      opts: {
        // Unique per event, so an add sent again never records it twice (BullMQ ids may not contain ':').
        jobId: createHash('sha1')
          .update(`${this.instance}|${subject}|${event.type}|${event.at}|${this.n}`)
          .digest('hex'),
        attempts: 1000,
        backoff: { type: 'exponential', delay: 200 },
        removeOnComplete: 1000,
        removeOnFail: false,
      },
      ...(added && { added }),
    });
    this.sending ??= this.send();
  }

  /** Resolves when every event emitted so far is in Redis. */
  async sent(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async send(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.addAll(batch);
      }
    } finally {
      this.sending = undefined;
    }
  }

  /**
   * One pipeline per queue; a queue whose pipeline Redis refused gets its adds again, whole, after a wait (the job
   * ids make a repeated add harmless while the job is still kept), until Redis takes them.
   */
  private async addAll(batch: PendingAdd[]): Promise<void> {
    let left = new Map<string, PendingAdd[]>();
    for (const add of batch) {
      const adds = left.get(add.queue);
      if (adds) adds.push(add);
      else left.set(add.queue, [add]);
    }
    for (let attempt = 0; left.size > 0; attempt += 1) {
      const queues = [...left];
      const results = await Promise.allSettled(
        queues.map(([queue, adds]) =>
          this.queues.get(queue)!.addBulk(adds.map(({ name, data, opts }) => ({ name, data, opts }))),
        ),
      );
      const refused = new Map<string, PendingAdd[]>();
      let err: unknown;
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') return;
        const [queue, adds] = queues[i]!;
        refused.set(queue, adds);
        err = result.reason;
      });
      left = refused;
      if (left.size === 0) break;
      const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
      const events = [...left.values()].reduce((n, adds) => n + adds.length, 0);
      this.log.warn({ err, events, attempt, retryInMs: wait }, 'call events not queued yet');
      await new Promise((r) => setTimeout(r, wait));
    }
    for (const add of batch) add.added?.();
  }

  async close(): Promise<void> {
    await this.sent();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
