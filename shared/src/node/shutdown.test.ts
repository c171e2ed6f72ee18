// A service's end: a hung stop is cut at the deadline, an unhandled rejection ends the process with 1.
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { superviseProcess } from './shutdown.ts';

function harness(stop: () => Promise<void>) {
  const proc = new EventEmitter();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  const exited = new Promise<number>((resolve) =>
    superviseProcess({ stop, log, deadlineMs: 50, exit: resolve, proc }),
  );
  return { proc, lines, exited };
}

describe('call-control process supervision', () => {
  it('exits 1 at the deadline when the stop on SIGTERM hangs', async () => {
    const { proc, exited, lines } = harness(() => new Promise<void>(() => undefined));
    proc.emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(lines.join('')).toContain('shutdown deadline passed');
  });

  it('logs an unhandled rejection as fatal and exits 1 after stopping', async () => {
    let stopped = false;
    const { proc, exited, lines } = harness(async () => {
      stopped = true;
    });
    proc.emit('unhandledRejection', new Error('evapi write failed'));
    expect(await exited).toBe(1);
    expect(stopped).toBe(true);
    expect(lines.join('')).toContain('unhandled promise rejection');
  });
});
