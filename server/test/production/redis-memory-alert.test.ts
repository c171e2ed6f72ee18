// The alert before a noeviction Redis fills up and refuses the writes that queue calls: an error log line with
// alert "redis-memory" once Redis uses 80 % of its maxmemory, and silence below.
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { checkRedisMemory } from '../../src/production/redis-memory-alert.ts';
import { type PrivateRedis, startPrivateRedis, strongPassword } from '../support/production.ts';

let server: PrivateRedis;
let redis: Redis;
const lines: string[] = [];
const log = createLogger(
  'info',
  'server',
  new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  }),
);

beforeAll(async () => {
  server = await startPrivateRedis({ password: strongPassword(), maxmemory: '64mb' });
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

describe('Redis memory alert', () => {
  it('stays silent well below maxmemory and alerts once Redis passes 80 % of it', async () => {
    expect(await checkRedisMemory(redis, log)).toBe(false);
    expect(lines).toEqual([]);
    const used = Number((await redis.info('memory')).match(/^used_memory:(\d+)/m)?.[1]);
    await redis.config('SET', 'maxmemory', String(Math.ceil(used * 1.1)));
    expect(await checkRedisMemory(redis, log)).toBe(true);
    const alert = JSON.parse(lines[0] ?? '{}');
    expect(alert).toMatchObject({
      level: 50,
      alert: 'redis-memory',
      msg: 'redis memory above 80% of maxmemory',
    });
  });
});
