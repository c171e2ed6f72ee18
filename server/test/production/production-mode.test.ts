// Production mode: the server refuses to start with demo logins, demo unit tokens and analytics secrets, default
// passwords, insecure cookies, a Redis without a password or limit, or an application role that may delete calls.
// After the bootstrap command, it starts, and the attacks the demo constants allowed are refused.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAnalytics } from '../../src/camera-alerts/signature.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO_ANALYTICS_SOURCE } from '../../src/seed/demo-cameras.ts';
import { unitToken } from '../../src/seed/demo-city.ts';
import { DEMO_USERS } from '../../src/seed/demo-users.ts';
import { startServer } from '../../src/server.ts';
import { uniqueRedisPrefix } from '../support/databases.ts';
import {
  createAppRole,
  type PrivateRedis,
  productionEnv,
  startPrivateRedis,
  strongPassword,
} from '../support/production.ts';
import { withDatabase } from '../support/server-stack.ts';

const SERVER_DIR = new URL('../../', import.meta.url).pathname;
const stack = withDatabase({ city: true });
let redis: PrivateRedis;
let role: Awaited<ReturnType<typeof createAppRole>>;
const tmp = mkdtempSync(join(tmpdir(), 'e112-prod-'));

beforeAll(async () => {
  redis = await startPrivateRedis({ password: strongPassword() });
  role = await createAppRole(stack.tdb);
});
afterAll(async () => {
  await redis?.stop();
  await role?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

function production(env: Record<string, string> = {}) {
  return loadConfig({
    ...process.env,
    ...productionEnv(role.url, redis.url),
    PORT: '0',
    REDIS_PREFIX: uniqueRedisPrefix('prod'),
    LOG_LEVEL: 'silent',
    ...env,
  });
}

const start = (env: Record<string, string> = {}) => startServer(production(env), createLogger('silent'));

describe('production mode', () => {
  it('refuses to start with the development defaults, naming each one and no secret', async () => {
    const defaults = loadConfig({ NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'silent' });
    const refusal = await startServer(defaults, createLogger('silent')).catch((err: Error) => err);
    expect(refusal).toBeInstanceOf(Error);
    const message = (refusal as Error).message;
    for (const problem of [
      'COOKIE_SECURE must be true',
      'DATABASE_URL uses a default password',
      'KAMAILIO_DATABASE_URL uses a default password',
      'REDIS_URL has no password',
      'SIP_AUTH_SECRET is not set',
      'CAMERA_NETWORKS includes loopback',
    ])
      expect(message).toContain(problem);
    expect(message).not.toContain('e112_app:e112_app');
  });

  it('refuses camera networks that reach this server: loopback, or everywhere', async () => {
    for (const networks of ['127.0.0.0/8', '10.112.0.0/16,::1/128', '0.0.0.0/0']) {
      const refusal = await start({ CAMERA_NETWORKS: networks }).catch((err: Error) => err);
      expect((refusal as Error).message).toContain('CAMERA_NETWORKS includes loopback');
    }
  });

  it('refuses a SIP secret that is a demo value, and the simulator', async () => {
    const secret = 'demo-secret-demo-secret-demo-secret-1234';
    const refusal = await start({ SIP_AUTH_SECRET: secret, SIMULATOR: 'true' }).catch((err: Error) => err);
    expect((refusal as Error).message).toContain('SIP_AUTH_SECRET looks like a demo value');
    expect((refusal as Error).message).toContain('SIMULATOR must be false');
    expect((refusal as Error).message).not.toContain(secret);
  });

  it('refuses to start on the demo seed: demo logins, demo AVL tokens, the demo analytics secret', async () => {
    const refusal = await start().catch((err: Error) => err);
    const message = (refusal as Error).message;
    expect(message).toContain('demo users with their published passwords: ');
    expect(message).toMatch(/\d+ units have demo AVL tokens/);
    expect(message).toContain('analytics sources with the demo secret: demo-analytics');
  });

  it('refuses an application role that may delete calls', async () => {
    const name = new URL(role.url).username;
    await sql`GRANT DELETE ON calls TO ${sql.id(name)}`.execute(stack.tdb.adminDb);
    try {
      const refusal = await start().catch((err: Error) => err);
      expect((refusal as Error).message).toContain('DATABASE_URL role may delete from calls');
    } finally {
      await sql`REVOKE DELETE ON calls FROM ${sql.id(name)}`.execute(stack.tdb.adminDb);
    }
  });

  it('refuses to start with a superuser DATABASE_URL, however strong its password', async () => {
    const name = `e112_super_${randomBytes(4).toString('hex')}`;
    const password = strongPassword();
    await sql`CREATE ROLE ${sql.id(name)} SUPERUSER LOGIN PASSWORD ${sql.lit(password)}`.execute(
      stack.tdb.adminDb,
    );
    try {
      const url = new URL(role.url);
      url.username = name;
      url.password = password;
      const refusal = await start({ DATABASE_URL: url.toString() }).catch((err: Error) => err);
      expect(refusal).toBeInstanceOf(Error);
      expect((refusal as Error).message).toContain('DATABASE_URL connects as a superuser');
      expect((refusal as Error).message).not.toContain(password);
    } finally {
      await sql`DROP ROLE ${sql.id(name)}`.execute(stack.tdb.adminDb);
    }
  });

  it('refuses a Redis that evicts keys or has no memory limit', async () => {
    const evicting = await startPrivateRedis({
      password: strongPassword(),
      maxmemory: '0',
      policy: 'allkeys-lru',
    });
    try {
      const refusal = await start({ REDIS_URL: evicting.url }).catch((err: Error) => err);
      expect((refusal as Error).message).toContain('Redis has no maxmemory');
      expect((refusal as Error).message).toContain('Redis maxmemory-policy is allkeys-lru, not noeviction');
    } finally {
      await evicting.stop();
    }
  });

  it('starts after bootstrap; forged AVL and analytics posts with the demo constants are refused', async () => {
    // A real deployment never had the demo logins; this one drops them, then bootstraps.
    await stack.tdb.adminDb
      .deleteFrom('users')
      .where(
        'username',
        'in',
        DEMO_USERS.map((u) => u.username),
      )
      .execute();
    const passwordFile = join(tmp, 'admin-password');
    const adminPassword = strongPassword();
    writeFileSync(passwordFile, `${adminPassword}\n`, { mode: 0o600 });
    const out = join(tmp, 'secrets.txt');
    const fleet = join(tmp, 'fleet.csv');
    writeFileSync(
      fleet,
      'callsign,agency,kind,capabilities,station\nCA-Q1-01,police,police-patrol,law-enforcement traffic-control,\n',
    );
    const run = spawnSync(
      'npx',
      [
        'tsx',
        'src/production/bootstrap-command.ts',
        '--admin',
        'chief',
        '--password-file',
        passwordFile,
        '--units',
        fleet,
        '--out',
        out,
      ],
      { cwd: SERVER_DIR, encoding: 'utf8', env: { ...process.env, ...productionEnv(role.url, redis.url) } },
    );
    expect(run.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(run.stdout).toMatch(/^admin chief created; \d+ unit tokens and 1 analytics secrets written to /);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(run.stdout + run.stderr).not.toContain(adminPassword);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const tokenOf = (callsign: string) =>
      lines.find((l) => l.startsWith(`unit ${callsign} `))?.split(' ')[2] ?? '';
    const demoCallsign = lines
      .find((l) => l.startsWith('unit ') && !l.startsWith('unit CA-Q1-01 '))
      ?.split(' ')[1];
    const [, , analyticsSecret] = (
      lines.find((l) => l.startsWith('analytics-source demo-analytics ')) ?? ''
    ).split(' ');

    // A second run never overwrites the only copy of secrets still being handed out.
    const again = spawnSync('npx', ['tsx', 'src/production/bootstrap-command.ts', '--out', out], {
      cwd: SERVER_DIR,
      encoding: 'utf8',
      env: { ...process.env, ...productionEnv(role.url, redis.url) },
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`bootstrap failed: ${out} exists`);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual(lines);

    const server = await start();
    try {
      const report = async (callsign: string, token: string) => {
        const unit = await stack.tdb.db
          .selectFrom('units')
          .select('id')
          .where('callsign', '=', callsign)
          .executeTakeFirstOrThrow();
        return fetch(`${server.url}/api/avl/units/${unit.id}/positions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-unit-token': token },
          body: JSON.stringify({ lat: 10.776, lon: 106.7 }),
        });
      };
      // The demo unit's token derived from the repository's constants no longer works; the issued ones do.
      expect((await report(demoCallsign ?? '', unitToken(demoCallsign ?? ''))).status).toBe(401);
      expect((await report(demoCallsign ?? '', tokenOf(demoCallsign ?? ''))).status).toBe(202);
      expect((await report('CA-Q1-01', tokenOf('CA-Q1-01'))).status).toBe(202);

      const camera = await stack.tdb.db.selectFrom('cameras').select('code').executeTakeFirstOrThrow();
      const signed = (secret: string) => {
        const raw = JSON.stringify({
          cameraCode: camera.code,
          kind: 'stopped-vehicle',
          at: new Date().toISOString(),
        });
        const timestamp = Math.floor(Date.now() / 1000);
        return fetch(`${server.url}/api/analytics/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-analytics-source': DEMO_ANALYTICS_SOURCE.name,
            'x-analytics-timestamp': String(timestamp),
            'x-analytics-signature': signAnalytics(secret, timestamp, raw),
          },
          body: raw,
        });
      };
      expect((await signed(DEMO_ANALYTICS_SOURCE.secret)).status).toBe(401);
      expect((await signed(analyticsSecret ?? '')).status).toBe(202);

      const demoLogin = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'demo-admin-112' }),
      });
      expect(demoLogin.status).toBe(401);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password: adminPassword }),
      });
      expect(login.status).toBe(200);
      // The session cookie goes only over TLS, and browsers are told to use nothing else for a year.
      const cookie = login.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^e112_session=/);
      expect(cookie.split(';').map((p) => p.trim().toLowerCase())).toContain('secure');
      expect(login.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      const page = await fetch(`${server.url}/api/auth/me`);
      expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await server.stop();
    }
  });

  it('refuses to run the demo seed in production', () => {
    const run = spawnSync('npx', ['tsx', 'src/seed/seed-command.ts'], {
      cwd: SERVER_DIR,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production', DATABASE_ADMIN_URL: stack.tdb.adminUrl },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('seed refused: the demo seed does not run in production');
    expect(run.stdout).not.toContain('demo-admin-112');
  });
});
