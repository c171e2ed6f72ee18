// Call-takers' console presence for the ACD: while a call-taker's console answers the server's heartbeat, their
// extension's entry in the ACD's `consoles` set is pushed a timeout ahead (by Redis's clock, shared by every
// server instance and call control); call control sets a ready call-taker whose entry lapsed not ready.
import { type AcdKeys, acdKeys } from '@hcm112/shared';
import type { Redis } from 'ioredis';

// KEYS: consoles. ARGV: extension, timeout (ms).
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])`;

export class ConsolePresence {
  private readonly keys: AcdKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly timeoutMs: number,
  ) {
    this.keys = acdKeys(prefix);
    redis.defineCommand('e112RenewPresence', { numberOfKeys: 1, lua: RENEW });
  }

  /** How often a call-taker's console is pinged: three chances to answer within the timeout. */
  get heartbeatMs(): number {
    return Math.max(250, Math.floor(this.timeoutMs / 3));
  }

  /** The console of this extension's call-taker answered: present for another timeout. */
  async renew(extension: string): Promise<void> {
    const run = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<number>>)
      .e112RenewPresence!;
    await run.call(this.redis, this.keys.consoles, extension, this.timeoutMs);
  }
}
