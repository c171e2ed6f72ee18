import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logRedisOutages } from './redis-health.ts';

function capture() {
  const lines: Array<{ msg: string; connection: string }> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('logRedisOutages', () => {
  it('logs one loss per outage and its end, however many reconnect attempts fail', () => {
    const { log, lines } = capture();
    // ioredis emits these events on its connection; an EventEmitter stands in for the socket state.
    const redis = new EventEmitter() as unknown as Redis;
    logRedisOutages(redis, log, 'main');
    redis.emit('ready');
    for (let i = 0; i < 5; i += 1) redis.emit('error', new Error('connect ECONNREFUSED'));
    redis.emit('ready');
    redis.emit('error', new Error('read ECONNRESET'));
    expect(lines.map((l) => [l.msg, l.connection])).toEqual([
      ['redis connection lost, reconnecting', 'main'],
      ['redis connection restored', 'main'],
      ['redis connection lost, reconnecting', 'main'],
    ]);
  });
});
