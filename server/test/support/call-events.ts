// Puts call events on the server's call event queues as call control does, for tests that need a call's story
// without SIP (the queue, shard and job shape are the shared contract; no Kamailio involved).
import { type CallControlEvent, callEventQueue } from '@hcm112/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RunningServer } from '../../src/server.ts';

/** `attempts`: how many times the server tries each event before parking it (call control asks for 1000). */
export async function emitCallEvents(
  server: RunningServer,
  events: CallControlEvent[],
  attempts = 5,
): Promise<void> {
  const { REDIS_URL, REDIS_PREFIX } = server.ctx.config;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = new Map<string, Queue>();
  try {
    for (const event of events) {
      const name = callEventQueue(event.type === 'calltaker' ? event.extension : event.sipCallId);
      if (!queues.has(name)) queues.set(name, new Queue(name, { connection, prefix: REDIS_PREFIX }));
      await queues.get(name)!.add(event.type, event, { attempts, backoff: { type: 'fixed', delay: 100 } });
    }
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close()));
    connection.disconnect();
  }
}
