// Databases for whole systems: one template per test run built with the project's own `npm run migrate` and
// `npm run seed`, and a private copy of it for each system.
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { REPO_ROOT } from './paths.ts';

const run = promisify(execFile);

const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/e112';
const APP_URL = process.env.DATABASE_URL ?? 'postgres://e112_app:e112_app@127.0.0.1:5432/e112';

// Named after the checkout so two checkouts on one machine never rebuild each other's template.
const TAG = createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 8);
export const SYSTEM_TEMPLATE_DB = `e112_e2e_template_${TAG}`;

export function databaseUrls(name: string): { url: string; adminUrl: string } {
  const withName = (base: string) => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return { url: withName(APP_URL), adminUrl: withName(ADMIN_URL) };
}

async function onServer<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrls('postgres').adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Rebuilds the template: drop, `npm run migrate`, `npm run seed` (the demo city and logins), mark template. */
export async function buildSystemTemplate(): Promise<void> {
  await onServer(async (c) => {
    await c.query('UPDATE pg_database SET datistemplate = false WHERE datname = $1', [SYSTEM_TEMPLATE_DB]);
    await c.query(`DROP DATABASE IF EXISTS ${SYSTEM_TEMPLATE_DB} WITH (FORCE)`);
  });
  const { url, adminUrl } = databaseUrls(SYSTEM_TEMPLATE_DB);
  const env = { ...process.env, DATABASE_URL: url, DATABASE_ADMIN_URL: adminUrl };
  await run('npm', ['run', '--silent', 'migrate'], { cwd: REPO_ROOT, env });
  await run('npm', ['run', '--silent', 'seed'], { cwd: REPO_ROOT, env });
  await onServer((c) =>
    c.query('UPDATE pg_database SET datistemplate = true WHERE datname = $1', [SYSTEM_TEMPLATE_DB]),
  );
}

export interface SystemDatabase {
  name: string;
  url: string;
  adminUrl: string;
  drop(): Promise<void>;
}

export async function createSystemDatabase(): Promise<SystemDatabase> {
  const name = `e112_e2e_${randomBytes(5).toString('hex')}`;
  await onServer((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${SYSTEM_TEMPLATE_DB}`));
  return {
    name,
    ...databaseUrls(name),
    drop: () => onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
