// Private databases and servers for benchmarks, built with the project's own migrate, seed and server code.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadConfig } from '@hcm112/server/config';
import { createDb, type Db } from '@hcm112/server/db/database';
import { migrate } from '@hcm112/server/db/migrate';
import { createLogger } from '@hcm112/server/logger';
import { type RunningServer, startServer } from '@hcm112/server/server';
import { seedDemoCity } from '@hcm112/server/seed/seed-demo-city';

const base = loadConfig();

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export interface BenchDatabase {
  url: string;
  adminUrl: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createBenchDatabase(options: { city: boolean }): Promise<BenchDatabase> {
  const name = `e112_bench_${randomBytes(4).toString('hex')}`;
  const adminUrl = withDb(base.DATABASE_ADMIN_URL, name);
  const url = withDb(base.DATABASE_URL, name);
  await migrate(adminUrl, url);
  const admin = createDb(adminUrl, 2);
  if (options.city) await seedDemoCity(admin, {});
  await admin.destroy();
  const db = createDb(url, 10);
  return {
    url,
    adminUrl,
    db,
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: withDb(base.DATABASE_ADMIN_URL, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The server on `bdb`; `env` for settings a benchmark needs (config.ts names). Stopping it also deletes its Redis keys
 * (the prefix is the run's own): left behind, each telephony run's queues and event logs grew Redis by tens of MB,
 * and its append-only file's rewrites (a fork and a copy of every key) then ran during later runs' measurements.
 */
export async function startBenchServer(
  bdb: BenchDatabase,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    DATABASE_URL: bdb.url,
    DATABASE_ADMIN_URL: bdb.adminUrl,
    REDIS_PREFIX: `e112bench:${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(config, createLogger('silent'));
  return {
    ...server,
    async stop() {
      await server.stop();
      await deleteKeys(config.REDIS_URL, `${config.REDIS_PREFIX}:*`);
    },
  };
}

/** Deletes every key matching `pattern`, a batch at a time. */
async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const scan = redis.scanStream({ match: pattern, count: 1000 }) as AsyncIterable<string[]>;
    for await (const keys of scan) if (keys.length > 0) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

export async function loginToken(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
