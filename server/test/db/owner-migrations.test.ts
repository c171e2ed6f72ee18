// Migrations under their own owner role, as production runs them: a non-superuser that owns the schema, with the
// application and Kamailio roles it grants; a superuser or the repository's default passwords are refused.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { strongPassword } from '../support/production.ts';

const SERVER_DIR = new URL('../../', import.meta.url).pathname;
const base = loadConfig();
const tag = randomBytes(4).toString('hex');
const name = `e112_own_${tag}`;
const roles = { owner: `e112_owner_${tag}`, app: `e112_app_${tag}`, kamailio: `e112_kam_${tag}` };

function urlOf(role: string, password: string, database = name): string {
  const url = new URL(base.DATABASE_ADMIN_URL);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}
async function asSuperuser(database: string, query: string): Promise<void> {
  const url = new URL(base.DATABASE_ADMIN_URL);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

const ownerUrl = urlOf(roles.owner, strongPassword());
const appUrl = urlOf(roles.app, strongPassword());
const kamailioUrl = urlOf(roles.kamailio, strongPassword());

beforeAll(async () => {
  // What the DBA does once, as the README's Production section says.
  await asSuperuser(
    'postgres',
    `CREATE ROLE ${roles.owner} LOGIN CREATEROLE PASSWORD '${new URL(ownerUrl).password}'`,
  );
  await asSuperuser('postgres', `CREATE DATABASE ${name} OWNER ${roles.owner}`);
  await asSuperuser(name, 'CREATE EXTENSION postgis; CREATE EXTENSION pgcrypto');
});
afterAll(async () => {
  await asSuperuser('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  for (const role of [roles.app, roles.kamailio, roles.owner])
    await asSuperuser('postgres', `DROP ROLE IF EXISTS ${role}`);
});

describe('migrations under a separate owner', () => {
  it('migrate as the owner role; the application role then cannot delete calls or switch off the audit trigger', async () => {
    expect(await migrate(ownerUrl, appUrl, kamailioUrl, { production: true })).toContain('0001_foundation');
    const app = createDb(appUrl, 1);
    try {
      await expect(sql`DELETE FROM calls`.execute(app)).rejects.toThrow(/permission denied/);
      await expect(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(app)).rejects.toThrow(
        /must be owner/,
      );
      await expect(sql`SELECT count(*) FROM incidents`.execute(app)).resolves.toBeDefined();
    } finally {
      await app.destroy();
    }
  });

  it('refuses to migrate as a superuser in production', async () => {
    const superuser = new URL(base.DATABASE_ADMIN_URL);
    superuser.pathname = `/${name}`;
    await expect(migrate(superuser.toString(), appUrl, kamailioUrl, { production: true })).rejects.toThrow(
      /DATABASE_ADMIN_URL is a superuser/,
    );
  });

  it('npm run migrate in production refuses the default passwords', () => {
    const run = spawnSync('npx', ['tsx', 'src/db/migrate-command.ts'], {
      cwd: SERVER_DIR,
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_ADMIN_URL: 'postgres://postgres@127.0.0.1:5432/e112',
        DATABASE_URL: 'postgres://e112_app:e112_app@127.0.0.1:5432/e112',
        KAMAILIO_DATABASE_URL: 'postgres://e112_kamailio:e112_kamailio@127.0.0.1:5432/e112',
      },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'refusing to migrate in production: DATABASE_ADMIN_URL has no password; DATABASE_URL uses a default password from the repository; KAMAILIO_DATABASE_URL uses a default password from the repository',
    );
  });
});
