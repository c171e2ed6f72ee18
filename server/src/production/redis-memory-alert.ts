// The alert before Redis reaches maxmemory: with noeviction, a full Redis refuses writes, so queued calls and
// jobs would stop; an error log line well before that gives operators time to act.
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { Lifecycle } from '../server.ts';
import { redisMemory } from './runtime-checks.ts';

export const REDIS_MEMORY_ALERT_SHARE = 0.8;

/** One check: logs an error (the alert) when Redis uses more than the share of its maxmemory; true if it did. */
export async function checkRedisMemory(redis: Redis, log: Logger): Promise<boolean> {
  const { used, max } = await redisMemory(redis);
  if (max <= 0 || used < max * REDIS_MEMORY_ALERT_SHARE) return false;
  log.error({ usedBytes: used, maxBytes: max, alert: 'redis-memory' }, 'redis memory above 80% of maxmemory');
  return true;
}

/** Checks every `intervalMs` until stopped; a failed check (Redis away) is logged by the connection itself. */
export function watchRedisMemory(redis: Redis, log: Logger, intervalMs = 30_000): Lifecycle {
  const timer = setInterval(() => {
    checkRedisMemory(redis, log).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return { name: 'redis-memory-alert', stop: async () => clearInterval(timer) };
}
