// Call control's configuration: production refuses a Redis anyone on the network could drive calls through.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const EVAPI_SECRET = 'evapi-secret-of-32-characters-xyz';

describe('call-control configuration', () => {
  it('refuses to start in production with a Redis URL without a password', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', EVAPI_SECRET, REDIS_URL: 'redis://127.0.0.1:6390' }),
    ).toThrow(/REDIS_URL: in production, a Redis URL with a password/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', EVAPI_SECRET, REDIS_URL: 'redis://:short@127.0.0.1:6390' }),
    ).toThrow(/REDIS_URL/);
  });

  it('starts in production with a passworded Redis, and in development without one', () => {
    const url = 'redis://:kX9v2LqP7wRt4Zb8NmYc@127.0.0.1:6390';
    expect(loadConfig({ NODE_ENV: 'production', EVAPI_SECRET, REDIS_URL: url }).REDIS_URL).toBe(url);
    expect(loadConfig({ EVAPI_SECRET }).REDIS_URL).toBe('redis://127.0.0.1:6390');
  });

  it('refuses to start without the evapi secret, or with a short one', () => {
    expect(() => loadConfig({})).toThrow(/EVAPI_SECRET: required/);
    expect(() => loadConfig({ NODE_ENV: 'production', EVAPI_SECRET: 'short' })).toThrow(
      /EVAPI_SECRET: 32-256/,
    );
  });
});

describe('trusted trunks', () => {
  it('reads a list of addresses and CIDRs and refuses one it cannot read', () => {
    expect(loadConfig({ EVAPI_SECRET, TRUSTED_TRUNKS: '192.0.2.10,198.51.100.0/24' }).TRUSTED_TRUNKS).toBe(
      '192.0.2.10,198.51.100.0/24',
    );
    expect(() => loadConfig({ EVAPI_SECRET, TRUSTED_TRUNKS: 'carrier.example' })).toThrow(
      /TRUSTED_TRUNKS: not an IP address or CIDR: carrier.example/,
    );
  });
});

describe('location servers (HELD)', () => {
  it('keeps the origins of https servers and refuses anything else', () => {
    expect(
      loadConfig({ EVAPI_SECRET, HELD_SERVERS: 'https://ls.example:8443/held, https://b.example' })
        .HELD_SERVERS,
    ).toEqual(['https://ls.example:8443', 'https://b.example']);
    expect(() => loadConfig({ EVAPI_SECRET, HELD_SERVERS: 'http://ls.example' })).toThrow(
      /HELD_SERVERS: not an https origin: http:\/\/ls.example/,
    );
  });
});
