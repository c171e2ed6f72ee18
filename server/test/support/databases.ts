// Test databases: one migrated template per run, and a fresh copy of it for each test file.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadConfig } from '../../src/config.ts';

const base = loadConfig();
// Templates are named after the checkout, so test runs of two checkouts on one machine never rebuild each
// other's template while the other is copying it.
const CHECKOUT_TAG = createHash('sha1')
  .update(new URL('../../..', import.meta.url).pathname)
  .digest('hex')
  .slice(0, 8);
export const TEMPLATE_DB = `e112_test_template_${CHECKOUT_TAG}`;
/** The same schema with the default demo city seeded. */
export const CITY_TEMPLATE_DB = `e112_test_template_city_${CHECKOUT_TAG}`;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(base.DATABASE_ADMIN_URL, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops and rebuilds a template from the migrations; run once per test run (vitest globalSetup). */
export async function buildTemplate(
  name = TEMPLATE_DB,
  prepare?: (adminUrl: string) => Promise<void>,
): Promise<void> {
  await admin(async (c) => {
    await c.query(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, [name]);
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const adminUrl = withDatabase(base.DATABASE_ADMIN_URL, name);
  await migrate(
    adminUrl,
    withDatabase(base.DATABASE_URL, name),
    withDatabase(base.KAMAILIO_DATABASE_URL, name),
  );
  if (prepare) await prepare(adminUrl);
  await admin((c) => c.query(`UPDATE pg_database SET datistemplate = true WHERE datname = $1`, [name]));
}

export interface TestDatabase {
  name: string;
  /** As the application role. */
  url: string;
  /** As Kamailio's read-only role (KAMAILIO_DATABASE_URL for kamailio.sh). */
  kamailioUrl: string;
  adminUrl: string;
  db: Db;
  adminDb: Db;
  drop(): Promise<void>;
}

/** A private copy of a template for one test file (`city`: with the demo city); drop() it in afterAll. */
export async function createTestDatabase(options: { city?: boolean } = {}): Promise<TestDatabase> {
  const name = `e112_t_${randomBytes(5).toString('hex')}`;
  const template = options.city ? CITY_TEMPLATE_DB : TEMPLATE_DB;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = withDatabase(base.DATABASE_URL, name);
  const adminUrl = withDatabase(base.DATABASE_ADMIN_URL, name);
  const db = createDb(url, 5);
  const adminDb = createDb(adminUrl, 2);
  return {
    name,
    url,
    kamailioUrl: withDatabase(base.KAMAILIO_DATABASE_URL, name),
    adminUrl,
    db,
    adminDb,
    async drop() {
      await db.destroy();
      await adminDb.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A Redis key prefix no other test uses. */
export function uniqueRedisPrefix(label = 't'): string {
  return `e112test:${label}:${randomBytes(4).toString('hex')}`;
}
