// Password guessing against a username: the guesser is slowed, the user at another desk is not locked out, and
// a forged X-Forwarded-For neither escapes the limit nor lands in the audit log.
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { makeUser, TEST_PASSWORD } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

describe('behind no configured proxy', () => {
  const stack = withServer();
  const post = (body: unknown, forwardedFor?: string) =>
    fetch(`${stack.server.url}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify(body),
    });

  it('ignores a forged X-Forwarded-For: the guesser stays throttled and the audit names the real peer', async () => {
    const user = await makeUser(stack.tdb.db, 'call-taker');
    for (let i = 0; i < 5; i++)
      expect((await post({ username: user.username, password: `guess-${i}` }, `203.0.113.${i}`)).status).toBe(
        401,
      );
    const res = await post({ username: user.username, password: TEST_PASSWORD }, '203.0.113.99');
    expect(res.status).toBe(429);
    const rows = await listAudit(stack.tdb.db, { targetType: 'user', targetId: user.id, limit: 10 });
    const ips = rows.map((r) => (r.after as { ip: string }).ip);
    expect(new Set(ips)).toEqual(new Set(['127.0.0.1']));
  });
});

describe('behind a configured proxy (loopback)', () => {
  const stack = withServer({ env: { TRUSTED_PROXIES: 'loopback' } });
  const post = (body: unknown, client: string) =>
    fetch(`${stack.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify(body),
    });

  it('throttles the guessing client but lets the user log in from their own desk', async () => {
    const user = await makeUser(stack.tdb.db, 'call-taker');
    for (let i = 0; i < 5; i++)
      expect((await post({ username: user.username, password: `guess-${i}` }, '198.51.100.7')).status).toBe(
        401,
      );
    const guesser = await post({ username: user.username, password: TEST_PASSWORD }, '198.51.100.7');
    expect(guesser.status).toBe(429);
    expect(Number(guesser.headers.get('retry-after'))).toBeGreaterThan(0);
    const desk = await post({ username: user.username, password: TEST_PASSWORD }, '198.51.100.20');
    expect(desk.status).toBe(200);
    const rows = await listAudit(stack.tdb.db, { targetType: 'user', targetId: user.id, limit: 10 });
    expect(rows.find((r) => r.action === 'auth.login')?.after).toMatchObject({ ip: '198.51.100.20' });
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const res = await post({ username: 'nobody-here', password: 'whatever it is' }, '198.51.100.30');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthenticated', message: 'wrong username or password' },
    });
  });
});
