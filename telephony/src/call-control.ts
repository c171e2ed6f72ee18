// The call-control service: evapi to Kamailio, the ACD, commands from the server (BullMQ "acd-commands").
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Acd } from './acd.ts';
import { CallEventSink } from './call-events.ts';
import type { TelephonyConfig } from './config.ts';
import { EvapiClient } from './evapi-client.ts';

export const ACD_COMMANDS_QUEUE = 'acd-commands';

const AcdCommand = z.object({
  cmd: z.literal('set-ready'),
  extension: z.string().regex(/^\d{3,8}$/),
  ready: z.boolean(),
});

export interface CallControl {
  acd: Acd;
  stop(): Promise<void>;
}

export async function startCallControl(config: TelephonyConfig, log: Logger): Promise<CallControl> {
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const sink = new CallEventSink(redis, config.REDIS_PREFIX);
  let evapi: EvapiClient | undefined;
  const acd = new Acd(
    redis,
    config.REDIS_PREFIX,
    sink,
    (c) => evapi?.send(c) ?? false,
    log.child({ module: 'acd' }),
  );
  // Events are handled one at a time, in the order Kamailio sent them.
  let chain: Promise<void> = Promise.resolve();
  evapi = new EvapiClient(
    config.EVAPI_HOST,
    config.EVAPI_PORT,
    log.child({ module: 'evapi' }),
    (event) => {
      chain = chain
        .then(() => acd.handle(event))
        .catch((err: unknown) => log.error({ err, event: event.event }, 'call event failed'));
    },
    () => {
      evapi?.send({ cmd: 'fallback-sync' });
      chain = chain
        .then(() => acd.distribute())
        .catch((err: unknown) => log.error({ err }, 'distribution failed'));
    },
  );
  evapi.start();
  const commands = new Worker(
    ACD_COMMANDS_QUEUE,
    async (job) => {
      const c = AcdCommand.parse(job.data);
      chain = chain.then(() => acd.setReady(c.extension, c.ready));
      await chain;
    },
    { connection: redis.duplicate({ maxRetriesPerRequest: null }), prefix: config.REDIS_PREFIX },
  );
  return {
    acd,
    async stop() {
      evapi?.stop();
      await commands.close();
      await chain.catch(() => {});
      await sink.close();
      redis.disconnect();
    },
  };
}
