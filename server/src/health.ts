// Readiness for load balancers and operators: the server is ready only while it can reach PostgreSQL and
// Redis, each answering within a bound, so a probe never hangs on a partitioned dependency.
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from './db/database.ts';

export interface Readiness {
  ok: boolean;
  database: 'up' | 'down';
  redis: 'up' | 'down';
}

const PROBE_TIMEOUT_MS = 2000;

async function answersWithin(probe: () => Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([probe().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(db: Db, redis: Redis, ms = PROBE_TIMEOUT_MS): Promise<Readiness> {
  const [database, cache] = await Promise.all([
    answersWithin(() => sql`SELECT 1`.execute(db), ms),
    answersWithin(() => redis.ping(), ms),
  ]);
  return { ok: database && cache, database: database ? 'up' : 'down', redis: cache ? 'up' : 'down' };
}
