// Call and call-taker events for the server (which records calls in PostgreSQL and pushes both to consoles),
// through the BullMQ queue "call-events": durable in Redis, retried until PostgreSQL takes them.
import { createHash } from 'node:crypto';
import { CALL_EVENTS_QUEUE, type CallControlEvent } from '@hcm112/shared';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export class CallEventSink {
  private readonly queue: Queue;
  private n = 0;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly instance: string,
  ) {
    this.queue = new Queue(CALL_EVENTS_QUEUE, { connection, prefix });
  }

  async emit(event: CallControlEvent): Promise<void> {
    this.n += 1;
    const subject = event.type === 'calltaker' ? event.extension : event.sipCallId;
    await this.queue.add(event.type, event, {
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

  close(): Promise<void> {
    return this.queue.close();
  }
}
