// What a production-mode test needs beyond the usual stack: a Redis of its own with a password and a memory limit
// (the shared one has neither), an application role with a real password, and the settings production accepts.
import { randomBytes } from 'node:crypto';
import { newSipSecret } from '@hcm112/telephony/testing';
import pg from 'pg';
import { grantAppRole } from '../../src/db/migrate.ts';
import type { TestDatabase } from './databases.ts';

export { type PrivateRedis, startPrivateRedis } from '@hcm112/telephony/testing';

export const strongPassword = () => randomBytes(24).toString('base64url');

/** An application role of its own with a long random password, granted like `npm run migrate` grants. */
export async function createAppRole(tdb: TestDatabase): Promise<{ url: string; drop(): Promise<void> }> {
  const role = `e112_prod_${randomBytes(4).toString('hex')}`;
  const url = new URL(tdb.url);
  url.username = role;
  url.password = strongPassword();
  const { sql } = await import('kysely');
  await grantAppRole(tdb.adminDb, url.toString());
  return {
    url: url.toString(),
    async drop() {
      // Roles are cluster-wide: take back what it holds in this database, then the role itself.
      await sql`DROP OWNED BY ${sql.id(role)}`.execute(tdb.adminDb);
      await sql`DROP ROLE ${sql.id(role)}`.execute(tdb.adminDb);
    },
  };
}

/** Settings a production server accepts, apart from the database and Redis URLs. */
export function productionEnv(databaseUrl: string, redisUrl: string): Record<string, string> {
  const kamailio = new URL(databaseUrl);
  kamailio.username = 'e112_kamailio';
  kamailio.password = strongPassword();
  return {
    NODE_ENV: 'production',
    COOKIE_SECURE: 'true',
    DATABASE_URL: databaseUrl,
    KAMAILIO_DATABASE_URL: kamailio.toString(),
    REDIS_URL: redisUrl,
    SIP_AUTH_SECRET: newSipSecret(),
    SIMULATOR: 'false',
    // The cameras' own network: production refuses the loopback default.
    CAMERA_NETWORKS: '10.112.0.0/16',
  };
}

export { pg };
