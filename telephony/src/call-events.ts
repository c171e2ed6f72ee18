// Call events for the server (which records them in PostgreSQL and pushes them to consoles), through the
// BullMQ queue "call-events": durable in Redis, retried until PostgreSQL takes them.
import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CallEvent } from '@hcm112/shared';

export const CALL_EVENTS_QUEUE = 'call-events';

export class CallEventSink {
  private readonly queue: Queue;
  private n = 0;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(CALL_EVENTS_QUEUE, { connection, prefix });
  }

  async emit(event: CallEvent): Promise<void> {
    this.n += 1;
    await this.queue.add(event.type, event, {
      // Unique per event, so a retried add never records it twice (BullMQ ids may not contain ':').
      jobId: createHash('sha1')
        .update(`${event.sipCallId}|${event.type}|${event.at}|${this.n}`)
        .digest('hex'),
      attempts: 1000,
      backoff: { type: 'exponential', delay: 200 },
      removeOnComplete: 1000,
      removeOnFail: false,
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
