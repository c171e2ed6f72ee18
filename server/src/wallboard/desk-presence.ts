// Which dispatchers and supervisors have their console open: while a console answers the realtime hub's
// heartbeat its user's entry is pushed a timeout ahead (Redis's clock, shared by every server instance), and
// when it first appears after a lapse the time it came back is kept, for the wallboard's "time in state".
import type { Redis } from 'ioredis';

// KEYS: seen (sorted set userId -> lapse ms), since (hash userId -> ms). ARGV: userId, timeout ms.
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lapse = redis.call('ZSCORE', KEYS[1], ARGV[1])
if (not lapse) or tonumber(lapse) < now then redis.call('HSET', KEYS[2], ARGV[1], now) end
return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])`;

// KEYS: seen, since. Drops lapsed entries; returns [userId, sinceMs, ...] of consoles open now.
const OPEN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
for _, id in ipairs(gone) do redis.call('HDEL', KEYS[2], id) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do
  table.insert(out, id)
  table.insert(out, redis.call('HGET', KEYS[2], id) or tostring(now))
end
return out`;

type Scripts = Record<string, (...a: unknown[]) => Promise<unknown>>;

export class DeskPresence {
  private readonly seen: string;
  private readonly since: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly timeoutMs: number,
  ) {
    this.seen = `${prefix}:desk:seen`;
    this.since = `${prefix}:desk:since`;
    redis.defineCommand('e112RenewDesk', { numberOfKeys: 2, lua: RENEW });
    redis.defineCommand('e112OpenDesks', { numberOfKeys: 2, lua: OPEN });
  }

  /** This user's console answered the heartbeat: open for another timeout. */
  async renew(userId: string): Promise<void> {
    await (this.redis as unknown as Scripts).e112RenewDesk!.call(
      this.redis,
      this.seen,
      this.since,
      userId,
      this.timeoutMs,
    );
  }

  /** Users with a console open now, and since when it has been open without a lapse. */
  async open(): Promise<Map<string, Date>> {
    const flat = (await (this.redis as unknown as Scripts).e112OpenDesks!.call(
      this.redis,
      this.seen,
      this.since,
    )) as string[];
    const open = new Map<string, Date>();
    for (let i = 0; i + 1 < flat.length; i += 2) open.set(flat[i]!, new Date(Number(flat[i + 1])));
    return open;
  }
}
