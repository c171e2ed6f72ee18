// Redis connection loss and return as log events: ioredis reconnects by itself, but a connection without an
// error listener prints every failed attempt to stderr instead of the structured log.
import type { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

/** Logs the first error of an outage and the reconnect that ends it, once each, for one named connection. */
export function logRedisOutages(redis: Redis, log: Logger, connection: string): Redis {
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log.warn({ connection, err: err.message }, 'redis connection lost, reconnecting');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.info({ connection }, 'redis connection restored');
  });
  return redis;
}
