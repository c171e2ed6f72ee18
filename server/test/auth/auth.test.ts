import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import type { RunningServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { login, makeUser, startTestServer, TEST_PASSWORD } from '../support/server.ts';

let tdb: TestDatabase;
let server: RunningServer;
beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb);
});
afterAll(async () => {
  await server?.stop();
  await tdb?.drop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('login', () => {
  it('sets an httpOnly session cookie and the cookie authenticates', async () => {
    const user = await makeUser(tdb.db, 'dispatcher');
    const res = await post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/e112_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe(user.username);
  });

  it('refuses a wrong password with 401 and audits the failure', async () => {
    const user = await makeUser(tdb.db, 'call-taker');
    const res = await post('/api/auth/login', { username: user.username, password: 'wrong password!' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthenticated', message: 'wrong username or password' },
    });
    const rows = await listAudit(tdb.db, { targetType: 'user', targetId: user.id, limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(['auth.login-failed']);
  });

  it('throttles a username after five failures, even with the right password', async () => {
    const user = await makeUser(tdb.db, 'supervisor');
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/auth/login', { username: user.username, password: `nope-${i}` })).status).toBe(
        401,
      );
    }
    const res = await post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('names the missing field in a 400 and refuses malformed JSON and oversized bodies', async () => {
    const missing = await post('/api/auth/login', { username: 'x' });
    expect(missing.status).toBe(400);
    expect(
      ((await missing.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('password');
    const broken = await post('/api/auth/login', '{"username": ');
    expect(broken.status).toBe(400);
    const huge = await post('/api/auth/login', { username: 'x', password: 'y'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('too-large');
  });
});

describe('sessions and roles', () => {
  it('answers 401 to an anonymous request and never leaks a stack trace', async () => {
    const res = await fetch(`${server.url}/api/auth/me`);
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toMatch(/at .*\.ts/);
  });

  it('lets only an admin create users, and audits the creation', async () => {
    const dispatcher = await login(server.url, await makeUser(tdb.db, 'dispatcher'));
    const admin = await login(server.url, await makeUser(tdb.db, 'admin'));
    const body = {
      username: 'new.ct',
      displayName: 'New CT',
      role: 'call-taker',
      password: 'long enough pw',
      sipExtension: '1999',
    };
    expect((await dispatcher.fetch('/api/users', { method: 'POST', json: body })).status).toBe(403);
    const created = await admin.fetch('/api/users', { method: 'POST', json: body });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string; role: string } };
    expect(user.role).toBe('call-taker');
    expect(JSON.stringify(user)).not.toMatch(/password/i);
    const rows = await listAudit(tdb.db, { targetType: 'user', targetId: user.id, limit: 5 });
    expect(rows.map((r) => [r.action, r.actorName])).toEqual([['user.create', admin.user.username]]);
    expect((await admin.fetch('/api/users', { method: 'POST', json: body })).status).toBe(409);
  });

  it('lets an admin read what a supervisor reads (wallboard, dispatch console) but not dispatch', async () => {
    const admin = await login(server.url, await makeUser(tdb.db, 'admin'));
    for (const path of [
      '/api/calls/stats',
      '/api/calltakers',
      '/api/calls/abandoned',
      '/api/incidents',
      '/api/units',
      '/api/stations',
      '/api/alerts',
    ]) {
      expect((await admin.fetch(path)).status, path).toBe(200);
    }
    const assign = await admin.fetch(`/api/incidents/${crypto.randomUUID()}/assignments`, {
      method: 'POST',
      json: { unitIds: [crypto.randomUUID()] },
    });
    expect(assign.status).toBe(403);
  });

  it('ends the session on logout', async () => {
    const client = await login(server.url, await makeUser(tdb.db, 'call-taker'));
    expect((await client.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await client.fetch('/api/auth/me')).status).toBe(401);
  });
});
