// An account's life: logout, deactivation, password reset and change, revoked and idle sessions each end the
// session at once, on HTTP and on the realtime websocket (no incident reaches a console after its session).
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { connectConsole } from '../../testing/console-client.ts';
import { login, TEST_PASSWORD } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const SESSION_ENDED = 4001;
let now = Date.now();
// Heartbeats every second, so a session that ended by time is noticed within the test.
const stack = withServer({
  env: { CONSOLE_HEARTBEAT_TIMEOUT_SECONDS: '1', SESSION_IDLE_MINUTES: '30' },
  clock: () => new Date(now),
});

describe('websockets end with their session', () => {
  it('closes the console socket on logout', async () => {
    const dispatcher = await stack.loginAs('dispatcher');
    const desk = await stack.subscribe(dispatcher, ['incidents']);
    expect((await dispatcher.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect(await desk.closedWith).toBe(SESSION_ENDED);
  });

  it('closes every socket of a user an admin deactivates, and refuses their login', async () => {
    const [admin, target] = await stack.loginEach('admin', 'call-taker');
    const desk = await stack.subscribe(target, ['calls']);
    const res = await admin.fetch(`/api/users/${target.user.id}/active`, {
      method: 'PUT',
      json: { active: false },
    });
    expect(res.status).toBe(200);
    expect(await desk.closedWith).toBe(SESSION_ENDED);
    expect((await target.fetch('/api/auth/me')).status).toBe(401);
    await expect(login(stack.server.url, target.user)).rejects.toThrow(/401/);
    await admin.fetch(`/api/users/${target.user.id}/active`, { method: 'PUT', json: { active: true } });
    expect((await login(stack.server.url, target.user)).user.id).toBe(target.user.id);
    const rows = await listAudit(stack.tdb.db, { targetType: 'user', targetId: target.user.id, limit: 20 });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.deactivate', 'user.activate']));
  });

  it('closes a socket whose session went idle past the configured timeout', async () => {
    const supervisor = await stack.loginAs('supervisor');
    const desk = await stack.subscribe(supervisor, ['calls']);
    now += 31 * 60_000;
    expect(await desk.closedWith).toBe(SESSION_ENDED);
    expect((await supervisor.fetch('/api/auth/me')).status).toBe(401);
  });

  it('closes a socket whose session reached its lifetime (SESSION_TTL_HOURS)', async () => {
    const dispatcher = await stack.loginAs('dispatcher');
    const desk = await stack.subscribe(dispatcher, ['incidents']);
    // Kept in use (each request counts), so only the lifetime can end it.
    for (let hours = 0; hours < 15; hours += 0.25) {
      now += 15 * 60_000;
      if (hours < 13.5) expect((await dispatcher.fetch('/api/auth/me')).status).toBe(200);
    }
    expect(await desk.closedWith).toBe(SESSION_ENDED);
    expect((await dispatcher.fetch('/api/auth/me')).status).toBe(401);
  });
});

describe('passwords and sessions', () => {
  it('lets an admin reset a password: old sessions end, the new password works, the old does not', async () => {
    const [admin, target] = await stack.loginEach('admin', 'dispatcher');
    const reset = await admin.fetch(`/api/users/${target.user.id}/password`, {
      method: 'PUT',
      json: { password: 'a brand new secret' },
    });
    expect(reset.status).toBe(204);
    expect((await target.fetch('/api/auth/me')).status).toBe(401);
    await expect(login(stack.server.url, target.user)).rejects.toThrow(/401/);
    await login(stack.server.url, target.user, 'a brand new secret');
  });

  it('lets a user change their own password only with the current one, keeping this session', async () => {
    const me = await stack.loginAs('call-taker');
    const other = await login(stack.server.url, me.user);
    const wrong = await me.fetch('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: 'not it at all', newPassword: 'my next password' },
    });
    expect(wrong.status).toBe(403);
    const ok = await me.fetch('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: TEST_PASSWORD, newPassword: 'my next password' },
    });
    expect(ok.status).toBe(204);
    expect((await me.fetch('/api/auth/me')).status).toBe(200);
    expect((await other.fetch('/api/auth/me')).status).toBe(401);
  });

  it('lets an admin revoke all sessions of a user, and nobody else', async () => {
    const [admin, dispatcher, target] = await stack.loginEach('admin', 'dispatcher', 'call-taker');
    const path = `/api/users/${target.user.id}/sessions`;
    expect((await dispatcher.fetch(path, { method: 'DELETE' })).status).toBe(403);
    const res = await admin.fetch(path, { method: 'DELETE' });
    expect(await res.json()).toEqual({ sessionsEnded: 1 });
    expect((await target.fetch('/api/auth/me')).status).toBe(401);
    expect((await connectConsole(stack.server.url, target.token).catch((e: Error) => e)).toString()).toMatch(
      /401/,
    );
  });
});
