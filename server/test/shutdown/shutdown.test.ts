// How the server process ends: SIGTERM stops it gracefully but never waits past the deadline, and an unhandled
// rejection is logged as fatal and ends the process with code 1 instead of leaving it in an unknown state.
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { superviseProcess } from '@hcm112/shared/shutdown';

function harness(stop: () => Promise<void>, deadlineMs = 50) {
  const proc = new EventEmitter();
  const lines: string[] = [];
  const log = createLogger(
    'info',
    'server',
    new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  const exited = new Promise<number>((resolve) =>
    superviseProcess({ stop, log, deadlineMs, exit: resolve, proc }),
  );
  return { proc, lines, exited };
}

describe('process supervision', () => {
  it('exits 0 once a graceful stop on SIGTERM finishes', async () => {
    let stopped = false;
    const { proc, exited } = harness(async () => {
      stopped = true;
    });
    proc.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(stopped).toBe(true);
  });

  it('exits 1 at the deadline when the stop hangs', async () => {
    const { proc, exited, lines } = harness(() => new Promise<void>(() => undefined));
    proc.emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(lines.join('')).toContain('shutdown deadline passed');
  });

  it('logs an unhandled rejection as fatal and ends the process with 1', async () => {
    const { proc, exited, lines } = harness(async () => undefined);
    proc.emit('unhandledRejection', new Error('lost call event'));
    expect(await exited).toBe(1);
    const fatal = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled promise rejection');
    expect(fatal).toMatchObject({ level: 60, err: { message: 'lost call event' } });
  });
});
