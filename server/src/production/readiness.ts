// Production mode at start: every refusal at once (configuration, database, Redis), or nothing.
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { NotProductionReady, productionConfigProblems } from './config-checks.ts';
import { databaseProblems, redisProblems } from './runtime-checks.ts';

/** Before connecting: refuse a configuration with default passwords or demo secrets. */
export function assertProductionConfig(config: Config): void {
  const problems = productionConfigProblems(config);
  if (problems.length) throw new NotProductionReady(problems);
}

/** After connecting: refuse demo data, an over-privileged database role, an unbounded or evicting Redis. */
export async function assertProductionServices(db: Db, redis: Redis): Promise<void> {
  const problems = [...(await databaseProblems(db)), ...(await redisProblems(redis))];
  if (problems.length) throw new NotProductionReady(problems);
}
