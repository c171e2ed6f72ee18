// No secret in the logs: a refused request carrying a bearer token, a session cookie or an analytics signature is
// logged (4xx at warn) with those headers redacted.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { uniqueRedisPrefix } from '../support/databases.ts';
import { withDatabase } from '../support/server-stack.ts';

const stack = withDatabase();
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});
let server: RunningServer;

beforeAll(async () => {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: stack.tdb.url,
    REDIS_PREFIX: uniqueRedisPrefix('log'),
    LOG_LEVEL: 'info',
  });
  server = await startServer(config, createLogger('info', 'server', sink));
});
afterAll(async () => {
  await server?.stop();
});

describe('HTTP log', () => {
  it('logs a refused crew device request without its device credential', async () => {
    const credential = 'device-secret-0123456789abcdef0123456789';
    const res = await fetch(`${server.url}/api/device/me`, {
      headers: { 'x-device-credential': credential, 'x-request-id': 'device-redaction-probe' },
    });
    expect(res.status).toBe(401);
    const logged = lines.filter((l) => l.includes('device-redaction-probe'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).toContain('"x-device-credential":"[redacted]"');
    expect(lines.join('\n')).not.toContain(credential);
  });

  it('logs a refused request without its bearer token, session cookie or signature', async () => {
    const token = 'bearer-secret-0123456789abcdef0123456789';
    const cookie = 'session-secret-fedcba9876543210fedcba98';
    const signature = 'sha256=feedfacefeedfacefeedfacefeedface';
    const res = await fetch(`${server.url}/api/incidents`, {
      headers: {
        authorization: `Bearer ${token}`,
        cookie: `e112_session=${cookie}`,
        'x-analytics-signature': signature,
        'x-request-id': 'redaction-probe',
      },
    });
    expect(res.status).toBe(401);
    const logged = lines.filter((l) => l.includes('redaction-probe'));
    expect(logged.length).toBeGreaterThan(0);
    const text = logged.join('\n');
    expect(text).toContain('"authorization":"[redacted]"');
    expect(text).toContain('"cookie":"[redacted]"');
    for (const secret of [token, cookie, signature]) expect(lines.join('\n')).not.toContain(secret);
  });
});
