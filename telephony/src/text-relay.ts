// Texts to 112 (SIP MESSAGE) on their way to the server, through the BullMQ queue "text-in": durable in Redis,
// retried until PostgreSQL takes them; the server queues the session for the call-takers.
import { createHash } from 'node:crypto';
import { type SipTextIn, TEXT_IN_QUEUE } from '@hcm112/shared';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { KamailioEvent } from './kamailio-events.ts';

type TextEvent = Extract<KamailioEvent, { event: 'text' }>;

export class TextRelay {
  private readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(TEXT_IN_QUEUE, { connection, prefix });
  }

  async forward(e: TextEvent): Promise<void> {
    const text: SipTextIn = {
      sipCallId: e.callId,
      from: e.from,
      dialed: e.dialed,
      source: e.source,
      body: e.body,
      overflowTo: e.overflowTo,
    };
    await this.queue.add('text', text, {
      // One job per MESSAGE even if Kamailio hands a kept event over twice.
      jobId: createHash('sha1')
        .update(`${e.boot ?? ''}|${e.seq}|${e.callId}`)
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
