// Call and call-taker events for the server (which records calls in PostgreSQL and pushes both to consoles),
// through the BullMQ queues "call-events-<n>", one per shard of calls: durable in Redis, retried until
// PostgreSQL takes them.
import { createHash } from 'node:crypto';
import { CALL_EVENT_SHARDS, type CallControlEvent, callEventQueue, callEventQueueName } from '@hcm112/shared';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export class CallEventSink {
  private readonly queues = new Map<string, Queue>();
  private n = 0;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly instance: string,
  ) {
    for (let shard = 0; shard < CALL_EVENT_SHARDS; shard += 1) {
      const name = callEventQueueName(shard);
      this.queues.set(name, new Queue(name, { connection, prefix }));
    }
  }

  async emit(event: CallControlEvent): Promise<void> {
    this.n += 1;
    const subject = event.type === 'calltaker' ? event.extension : event.sipCallId;
    await this.queues.get(callEventQueue(subject))!.add(event.type, event, {
      // Unique per event, so a retried add never records it twice (BullMQ ids may not contain ':').
      jobId: createHash('sha1')
        .update(`${this.instance}|${subject}|${event.type}|${event.at}|${this.n}`)
        .digest('hex'),
      attempts: 1000,
      backoff: { type: 'exponential', delay: 200 },
      removeOnComplete: 1000,
      removeOnFail: false,
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
