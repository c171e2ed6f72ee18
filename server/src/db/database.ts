// Opens the connection pool and the typed query builder over it; maps connection failures to one clear line.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// bigint counts and ids come back as strings by default; numeric aggregates we read are small.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** `statementTimeoutMs`: PostgreSQL cancels any statement of this pool running longer (error 57014). */
export function createDb(
  connectionString: string,
  max = 10,
  options: { statementTimeoutMs?: number } = {},
): Db {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5000,
    statement_timeout: options.statementTimeoutMs,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Nor may a checked-out client between two queries (the pool listens only to idle ones): its next query
  // fails instead, and the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export class DatabaseUnreachable extends Error {
  constructor(url: string, cause: unknown) {
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(`cannot reach the database at ${safe}: ${reason}`);
    this.name = 'DatabaseUnreachable';
  }
}

/** Fails fast with one readable line when the database is not there. */
export async function assertReachable(db: Db, url: string): Promise<void> {
  try {
    await sql`SELECT 1`.execute(db);
  } catch (err) {
    const inner = err instanceof AggregateError && err.errors.length > 0 ? err.errors[0] : err;
    throw new DatabaseUnreachable(url, inner);
  }
}

/** Whether an error means PostgreSQL cannot be reached now (refused, gone, restarting, timed out). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' ||
    code === '57P03' ||
    code === 'ETIMEDOUT' ||
    (err instanceof Error &&
      /Connection terminated|timeout exceeded when trying to connect|not queryable/.test(err.message))
  );
}

/** A statement PostgreSQL cancelled, here for running past its pool's statement timeout. */
export function isStatementTimeout(err: unknown): boolean {
  return (err as { code?: string })?.code === '57014';
}
