// Slows password guessing without letting anyone lock a user out: failures count per (username, client
// address), and past a few each next try must wait twice as long; a whole address is capped too. Another
// desk (another address) logs in as the user at once, whatever a guesser elsewhere did.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { TooManyRequests } from '../errors.ts';

/** Free tries per (username, address) before the back-off starts; the first wait is 1 s, then 2, 4... */
const FREE_FAILURES = 5;
const MAX_WAIT_SECONDS = 900;
/** Failures from one address (a whole room may share one) within the window, over every username. */
const MAX_ADDRESS_FAILURES = 30;
const ADDRESS_WINDOW_SECONDS = 300;
/** A pair's count is forgotten after this long without a failure. */
const PAIR_MEMORY_SECONDS = 3600;

export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Throws 429 (with Retry-After) while this username from this address, or this address, must wait. */
  async check(username: string, address: string): Promise<void> {
    const [blockTtl, addressFailures] = await this.redis
      .multi()
      .pttl(this.blockKey(username, address))
      .get(this.addressKey(address))
      .exec()
      .then((r) => (r ?? []).map(([, v]) => v));
    if (typeof blockTtl === 'number' && blockTtl > 0)
      throw new TooManyRequests(
        'too many failed logins, wait before trying again',
        Math.ceil(blockTtl / 1000),
      );
    if (Number(addressFailures ?? 0) >= MAX_ADDRESS_FAILURES) {
      const ttl = await this.redis.ttl(this.addressKey(address));
      throw new TooManyRequests('too many failed logins from this address', Math.max(1, ttl));
    }
  }

  async failed(username: string, address: string): Promise<void> {
    const pair = this.pairKey(username, address);
    const results = await this.redis
      .multi()
      .incr(pair)
      .expire(pair, PAIR_MEMORY_SECONDS)
      .incr(this.addressKey(address))
      .expire(this.addressKey(address), ADDRESS_WINDOW_SECONDS, 'NX')
      .exec();
    const failures = Number(results?.[0]?.[1] ?? 0);
    if (failures < FREE_FAILURES) return;
    const wait = Math.min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_FAILURES));
    await this.redis.set(this.blockKey(username, address), '1', 'EX', wait);
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.redis.del(this.pairKey(username, address), this.blockKey(username, address));
  }

  private pairKey(username: string, address: string): string {
    return `${this.prefix}:login-fail:pair:${digest(username, address)}`;
  }

  private blockKey(username: string, address: string): string {
    return `${this.prefix}:login-wait:pair:${digest(username, address)}`;
  }

  private addressKey(address: string): string {
    return `${this.prefix}:login-fail:ip:${address.slice(0, 64)}`;
  }
}

/** Usernames are attacker-chosen text: hash them into fixed-size keys. */
function digest(username: string, address: string): string {
  return createHash('sha256').update(`${username}\n${address}`).digest('hex').slice(0, 32);
}
