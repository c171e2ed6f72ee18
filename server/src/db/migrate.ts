// Brings a database to the latest schema: creates it if missing, runs pending migrations, grants the app role.
import { readdir } from 'node:fs/promises';
import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import pg from 'pg';
import { assertReachable, createDb, DatabaseUnreachable, type Db } from './database.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** Migrations are the files of migrations/, applied in name order (NNNN_name.ts). */
export class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.ts$/.test(f)).sort();
    const entries = await Promise.all(
      files.map(async (f) => [
        f.replace(/\.ts$/, ''),
        (await import(new URL(f, MIGRATIONS_DIR).href)) as Migration,
      ]),
    );
    return Object.fromEntries(entries);
  }
}

export async function ensureDatabaseExists(adminUrl: string): Promise<void> {
  const url = new URL(adminUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new DatabaseUnreachable(url.toString(), err);
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Tables the application really deletes rows of: logged-out sessions, removed cameras and their surfacing on an
 * incident, a desk phone's password taken away. Nothing else: a call, an incident or an audit row, once written,
 * cannot be deleted by the application role, however it was tricked into trying.
 */
export const APP_DELETABLE_TABLES = [
  'sessions',
  'cameras',
  'incident_cameras',
  'sip_desk_phone_passwords',
] as const;

/**
 * The application connects as its own role: it reads, inserts and updates, deletes only what it must
 * (APP_DELETABLE_TABLES) and may only insert and read audit_log. It owns nothing, so it cannot alter a table or
 * switch off the audit trigger; the migrations' role owns the schema. Roles are cluster-wide, so this is
 * idempotent, and it takes back rights granted by earlier versions.
 */
export async function grantAppRole(db: Db, appUrl: string): Promise<void> {
  const url = new URL(appUrl);
  const role = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!role) throw new Error('DATABASE_URL must name the application role');
  const owner = await sql<{ name: string }>`SELECT current_user AS name`.execute(db);
  if (owner.rows[0]?.name === role)
    throw new Error(
      'DATABASE_URL and DATABASE_ADMIN_URL must be different roles (the owner runs migrations)',
    );
  const ident = sql.id(role);
  const exists = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${role}`.execute(db);
  if (exists.rows[0]?.n === 0) {
    await sql`CREATE ROLE ${ident} LOGIN PASSWORD ${sql.lit(password)}`.execute(db);
  }
  await sql`GRANT USAGE ON SCHEMA public TO ${ident}`.execute(db);
  await sql`REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${ident}`.execute(
    db,
  );
  await sql`GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${ident}`.execute(db);
  for (const table of APP_DELETABLE_TABLES)
    await sql`GRANT DELETE ON ${sql.table(table)} TO ${ident}`.execute(db);
  await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident}`.execute(db);
  await sql`REVOKE UPDATE ON audit_log FROM ${ident}`.execute(db);
}

/**
 * Kamailio connects as its own role and may read only the view of desk phones' HA1s (not the users, not the
 * password table), and keep its own held events: a leaked Kamailio configuration exposes nothing else.
 * Idempotent like the app role.
 */
export async function grantKamailioRole(db: Db, kamailioUrl: string): Promise<void> {
  const url = new URL(kamailioUrl);
  const role = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!role) throw new Error("KAMAILIO_DATABASE_URL must name Kamailio's role");
  const ident = sql.id(role);
  const exists = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${role}`.execute(db);
  if (exists.rows[0]?.n === 0) {
    await sql`CREATE ROLE ${ident} LOGIN PASSWORD ${sql.lit(password)}`.execute(db);
  }
  await sql`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ident}`.execute(db);
  await sql`GRANT USAGE ON SCHEMA public TO ${ident}`.execute(db);
  await sql`GRANT SELECT ON sip_desk_phones TO ${ident}`.execute(db);
  await sql`GRANT SELECT, INSERT, DELETE ON kamailio_held_events TO ${ident}`.execute(db);
}

/**
 * A superuser can switch off the audit trigger and read every password digest; in production the migrations run
 * as the database's own owner role instead (made once by the DBA, see the README), which cannot.
 */
export async function assertNotSuperuser(db: Db): Promise<void> {
  const me = await sql<{
    rolsuper: boolean;
  }>`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`.execute(db);
  if (me.rows[0]?.rolsuper)
    throw new Error('DATABASE_ADMIN_URL is a superuser; in production migrations run as the owner role');
}

/** The whole migrate step, as the command and the test setup run it; `production` refuses a superuser. */
export async function migrate(
  adminUrl: string,
  appUrl: string,
  kamailioUrl?: string,
  options: { production?: boolean } = {},
): Promise<string[]> {
  if (!options.production) await ensureDatabaseExists(adminUrl);
  const db = createDb(adminUrl, 2);
  try {
    await assertReachable(db, adminUrl);
    if (options.production) await assertNotSuperuser(db);
    const applied = await migrateToLatest(db);
    await grantAppRole(db, appUrl);
    if (kamailioUrl) await grantKamailioRole(db, kamailioUrl);
    return applied;
  } finally {
    await db.destroy();
  }
}
