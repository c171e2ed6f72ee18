// Fixed-window counters in Redis for the public text routes and SIP senders: shared by every server instance.
import type { Redis } from 'ioredis';
import { TooManyRequests } from '../errors.ts';

export class WindowLimit {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Counts one more for `key`; throws 429 with `reason` once `max` were counted within `windowSeconds`. */
  async take(key: string, max: number, windowSeconds: number, reason: string): Promise<void> {
    const full = `${this.prefix}:text112:limit:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(full).pttl(full).exec()) as [
      [null, number],
      [null, number],
    ];
    if (ttl < 0) await this.redis.pexpire(full, windowSeconds * 1000);
    if (count > max)
      throw new TooManyRequests(
        reason,
        Math.max(1, Math.ceil((ttl > 0 ? ttl : windowSeconds * 1000) / 1000)),
      );
  }
}
