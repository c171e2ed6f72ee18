import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createDb } from './db/database.ts';
import { checkReadiness } from './health.ts';

const config = loadConfig();
let redis: Redis;
// A peer that accepts connections and never answers: a partitioned PostgreSQL.
let silent: Server;
const held: Socket[] = [];

beforeAll(async () => {
  redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  silent = createServer((s) => held.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  redis.disconnect();
  for (const s of held) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

const dbAt = (port: number) => createDb(`postgres://e112_app:e112_app@127.0.0.1:${port}/e112`, 1);

describe('checkReadiness', () => {
  it('is ready when PostgreSQL and Redis answer', async () => {
    const db = createDb(config.DATABASE_URL.replace(/\/[^/]*$/, '/postgres'), 1);
    expect(await checkReadiness(db, redis)).toEqual({ ok: true, database: 'up', redis: 'up' });
    await db.destroy();
  });

  it('reports the database down when nothing listens on its port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const db = dbAt(free);
    expect(await checkReadiness(db, redis)).toEqual({ ok: false, database: 'down', redis: 'up' });
    await db.destroy();
  });

  it('answers within its bound when the database accepts but never replies', async () => {
    const db = dbAt((silent.address() as { port: number }).port);
    expect(await checkReadiness(db, redis, 300)).toEqual({ ok: false, database: 'down', redis: 'up' });
    // The pool's own connect timeout ends the hung attempt; destroy waits for it.
    await db.destroy().catch(() => {});
  });
});
