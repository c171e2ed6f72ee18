// Private databases and servers for benchmarks, built with the project's own migrate, seed and server code.
import { randomBytes } from 'node:crypto';
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

/** The server on `bdb`; `env` for settings a benchmark needs (config.ts names). */
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
  return startServer(config, createLogger('silent'));
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
