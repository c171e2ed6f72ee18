// Starts a real server against a test database and a private Redis prefix; logs in users over HTTP.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role, User } from '@hcm112/shared';
import { hashPassword } from '../../src/auth/passwords.ts';
import { insertUser } from '../../src/auth/repository.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { createLogger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { type TestDatabase, uniqueRedisPrefix } from './databases.ts';

/** `clock` lets a test move the server's time (the simulator, stale positions); real time by default. */
export async function startTestServer(
  tdb: TestDatabase,
  env: Record<string, string> = {},
  clock?: () => Date,
): Promise<RunningServer> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: tdb.url,
    DATABASE_ADMIN_URL: tdb.adminUrl,
    REDIS_PREFIX: uniqueRedisPrefix('srv'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // No media relay writes here unless a call stack says so (withCallStack gives each file its own folders).
    RECORDING_DIR: join(tmpdir(), 'e112-test-no-media-relay'),
    RECORDING_STORE_DIR: join(tmpdir(), 'e112-test-recordings'),
    ...env,
  });
  return startServer(config, createLogger(config.LOG_LEVEL), clock);
}

let counter = 0;
export const TEST_PASSWORD = 'correct horse battery';
// argon2 is slow on purpose; one hash serves every test user (each hash still has its own salt in production).
let testPasswordHash: Promise<string> | undefined;
const testPassword = () => {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  return testPasswordHash;
};

export async function makeUser(
  db: Db,
  role: Role,
  overrides: Partial<{ username: string; sipExtension: string | null }> = {},
): Promise<User> {
  counter += 1;
  return insertUser(db, {
    username: overrides.username ?? `${role}-${process.pid}-${counter}`,
    displayName: `Test ${role} ${counter}`,
    role,
    passwordHash: await testPassword(),
    sipExtension: overrides.sipExtension ?? null,
  });
}

/** A logged-in HTTP client for one user. */
export interface Client {
  user: User;
  token: string;
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export async function login(baseUrl: string, user: User, password = TEST_PASSWORD): Promise<Client> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password }),
  });
  if (res.status !== 200)
    throw new Error(`login of ${user.username} failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return {
    user,
    token,
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(`${baseUrl}${path}`, { ...init, headers, body });
    },
  };
}
