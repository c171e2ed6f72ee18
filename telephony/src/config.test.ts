// Call control's configuration: production refuses a Redis anyone on the network could drive calls through.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('call-control configuration', () => {
  it('refuses to start in production with a Redis URL without a password', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6390' })).toThrow(
      /REDIS_URL: in production, a Redis URL with a password/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://:short@127.0.0.1:6390' })).toThrow(
      /REDIS_URL/,
    );
  });

  it('starts in production with a passworded Redis, and in development without one', () => {
    const url = 'redis://:kX9v2LqP7wRt4Zb8NmYc@127.0.0.1:6390';
    expect(loadConfig({ NODE_ENV: 'production', REDIS_URL: url }).REDIS_URL).toBe(url);
    expect(loadConfig({}).REDIS_URL).toBe('redis://127.0.0.1:6390');
  });
});
