// The leader lock against real Redis: one leader among several instances, a standby that takes over when the
// leader stops or stops renewing.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { LeaderLease } from '../src/leader.ts';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6390');
const log = pino({ level: 'silent' });
afterAll(() => redis.quit());

function lease(key: string, instance: string, ttlMs: number) {
  const events: string[] = [];
  const l = new LeaderLease(redis, key, instance, ttlMs, log, {
    elected: async () => {
      events.push('elected');
    },
    renewed: async () => {},
    deposed: async () => {
      events.push('deposed');
    },
  });
  return { lease: l, events };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 100; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('leader lock', () => {
  it('lets one of two instances lead, and the other take over when it stops', async () => {
    const key = `e112test:leader:${randomBytes(4).toString('hex')}`;
    const a = lease(key, 'a', 600);
    const b = lease(key, 'b', 600);
    a.lease.start();
    await until(() => a.lease.holds(), 'a to lead');
    b.lease.start();
    await new Promise((r) => setTimeout(r, 700));
    expect(b.lease.holds()).toBe(false);
    expect(await redis.get(key)).toBe('a');

    await a.lease.stop();
    expect(a.events).toEqual(['elected', 'deposed']);
    await until(() => b.lease.holds(), 'b to take over');
    expect(await redis.get(key)).toBe('b');
    await b.lease.stop();
    expect(await redis.get(key)).toBeNull();
  });

  it('deposes a leader whose lock another instance took after it expired', async () => {
    const key = `e112test:leader:${randomBytes(4).toString('hex')}`;
    const a = lease(key, 'a', 600);
    a.lease.start();
    await until(() => a.lease.holds(), 'a to lead');
    // As if a paused leader's lock expired and a standby took it.
    await redis.set(key, 'intruder', 'PX', 5000);
    await until(() => a.events.includes('deposed'), 'a to notice');
    expect(a.lease.holds()).toBe(false);
    await a.lease.stop();
    expect(await redis.get(key)).toBe('intruder');
    await redis.del(key);
  });
});
