// Production mode, second half: what a production server refuses in the services it connects to (demo logins,
// demo unit tokens and analytics secrets in the database, an application role with too many rights, a Redis that
// evicts queued calls or grows without bound).
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { verifyPassword } from '../auth/passwords.ts';
import type { Db } from '../db/database.ts';
import { DEMO_ANALYTICS_SOURCE } from '../seed/demo-cameras.ts';
import { hashUnitToken, unitToken } from '../seed/demo-city.ts';
import { DEMO_USERS } from '../seed/demo-users.ts';

/** Rows the application must never be able to delete, whatever it is tricked into. */
const UNDELETABLE = ['calls', 'incidents', 'audit_log'] as const;

/** Demo logins still present with their published password (a renamed or re-passworded one is not refused). */
async function demoUserProblems(db: Db): Promise<string[]> {
  const names = DEMO_USERS.map((u) => u.username);
  const rows = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where('username', 'in', names)
    .execute();
  const found: string[] = [];
  for (const row of rows) {
    const demo = DEMO_USERS.find((u) => u.username === row.username);
    if (demo && (await verifyPassword(row.password_hash, demo.password))) found.push(row.username);
  }
  return found.length ? [`demo users with their published passwords: ${found.join(', ')}`] : [];
}

/** Units whose AVL token is the one derived from repository constants: anyone could post their positions. */
async function demoUnitTokenProblems(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('units')
    .select(['callsign', 'avl_token_hash'])
    .where('avl_token_hash', 'is not', null)
    .execute();
  const demo = rows.filter((r) => r.avl_token_hash === hashUnitToken(unitToken(r.callsign)));
  return demo.length
    ? [`${demo.length} units have demo AVL tokens (run the bootstrap command to issue random ones)`]
    : [];
}

async function demoAnalyticsProblems(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('alert_sources')
    .select('name')
    .where('secret', '=', DEMO_ANALYTICS_SOURCE.secret)
    .execute();
  return rows.length ? [`analytics sources with the demo secret: ${rows.map((r) => r.name).join(', ')}`] : [];
}

/** The application's role must be an ordinary one: no superuser, owner of nothing, no DELETE on the record. */
async function roleProblems(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const role = await sql<{ rolsuper: boolean; owned: number }>`
    SELECT r.rolsuper,
      (SELECT count(*)::int FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owned
    FROM pg_roles r WHERE r.rolname = current_user`.execute(db);
  const { rolsuper, owned } = role.rows[0] ?? { rolsuper: false, owned: 0 };
  if (rolsuper) problems.push('DATABASE_URL connects as a superuser');
  if (owned > 0) problems.push('DATABASE_URL role owns tables (migrations need their own owner role)');
  for (const table of UNDELETABLE) {
    const may = await sql<{ ok: boolean }>`
      SELECT has_table_privilege(current_user, ${table}, 'DELETE') OR
             has_table_privilege(current_user, ${table}, 'TRUNCATE') AS ok`.execute(db);
    if (may.rows[0]?.ok) problems.push(`DATABASE_URL role may delete from ${table} (run npm run migrate)`);
  }
  return problems;
}

export async function databaseProblems(db: Db): Promise<string[]> {
  return [
    ...(await roleProblems(db)),
    ...(await demoUserProblems(db)),
    ...(await demoUnitTokenProblems(db)),
    ...(await demoAnalyticsProblems(db)),
  ];
}

/** Redis memory as INFO reports it; maxmemory 0 means unlimited. */
export async function redisMemory(redis: Redis): Promise<{ used: number; max: number; policy: string }> {
  const info = await redis.info('memory');
  const field = (name: string) => info.match(new RegExp(`^${name}:(.*)$`, 'm'))?.[1]?.trim() ?? '';
  return {
    used: Number(field('used_memory')),
    max: Number(field('maxmemory')),
    policy: field('maxmemory_policy'),
  };
}

/** A Redis that evicts would drop queued calls and jobs silently; one without a limit takes the host down. */
export async function redisProblems(redis: Redis): Promise<string[]> {
  const { max, policy } = await redisMemory(redis);
  return [
    ...(max > 0 ? [] : ['Redis has no maxmemory (set one and alert before it is reached)']),
    ...(policy === 'noeviction' ? [] : [`Redis maxmemory-policy is ${policy || 'unknown'}, not noeviction`]),
  ];
}
