// Attacks from another web page: cookie-authenticated changes and websockets from a foreign Origin, form bodies,
// and the headers that keep the consoles out of frames and away from sniffed content.
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({ env: { ALLOWED_ORIGINS: 'https://console.example' } });

/** A browser session: the cookie it sends by itself, whatever page made the request. */
async function cookieOf(role: 'dispatcher' | 'admin'): Promise<string> {
  const client = await stack.loginAs(role);
  return `e112_session=${client.token}`;
}

const ownOrigin = () => stack.server.url;

describe('cookie-authenticated changes', () => {
  it('refuses a change from a foreign page with 403, and one with no Origin at all', async () => {
    const cookie = await cookieOf('dispatcher');
    for (const origin of ['https://evil.example', undefined]) {
      const res = await fetch(`${stack.server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, ...(origin ? { origin } : {}) },
      });
      expect(res.status, String(origin)).toBe(403);
    }
    const me = await fetch(`${stack.server.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
  });

  it('refuses a form or text/plain body with 415, even from the own origin', async () => {
    const cookie = await cookieOf('admin');
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await fetch(`${stack.server.url}/api/users`, {
        method: 'POST',
        headers: { cookie, origin: ownOrigin(), 'content-type': type },
        body: 'username=x&password=yyyyyyyyyyyy',
      });
      expect(res.status, type).toBe(415);
    }
  });

  it('accepts JSON from the own origin and from a configured one', async () => {
    for (const origin of [ownOrigin(), 'https://console.example']) {
      const cookie = await cookieOf('dispatcher');
      const res = await fetch(`${stack.server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, origin },
      });
      expect(res.status, origin).toBe(204);
    }
  });

  it('refuses a login posted from a foreign page', async () => {
    const res = await fetch(`${stack.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'someone', password: 'whatever' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('the realtime websocket', () => {
  const handshake = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${stack.server.url.replace(/^http/, 'ws')}/ws`, { headers });
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', reject);
    });

  it('refuses a socket opened by a foreign page with the user cookie', async () => {
    const cookie = await cookieOf('dispatcher');
    expect(await handshake({ cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await handshake({ cookie })).toBe(403);
    expect(await handshake({ cookie, origin: ownOrigin() })).toBe(101);
  });
});

describe('security headers', () => {
  it('sends a CSP forbidding framing, and nosniff', async () => {
    const res = await fetch(`${stack.server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
