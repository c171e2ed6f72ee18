// A restream port block inside the kernel's ephemeral range can find a port the kernel already gave another
// socket (the test media relay lost a call that way): the server says so at start, naming the overlap.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ephemeralPortRange, overlap } from '../../src/feeds/ephemeral-ports.ts';
import { RestreamManager } from '../../src/feeds/restreams.ts';

function capturedLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

function manager(udpPortBase: number, ephemeral: { min: number; max: number } | null) {
  const { log, lines } = capturedLog();
  new RestreamManager({
    ffmpegPath: '/usr/bin/ffmpeg',
    hlsDir: mkdtempSync(join(tmpdir(), 'e112-hls-')),
    max: 32,
    idleMs: 30_000,
    startTimeoutMs: 20_000,
    udpPortBase,
    log,
    ephemeral,
  });
  return lines;
}

describe('restream ports and the kernel ephemeral range', () => {
  it('reads the range the kernel gives out', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'e112-ports-')), 'range');
    writeFileSync(file, '32768\t60999\n');
    expect(ephemeralPortRange(file)).toEqual({ min: 32768, max: 60999 });
    expect(ephemeralPortRange(join(tmpdir(), 'no-such-file'))).toBeNull();
  });

  it('finds the shared ports of two ranges, and none when apart', () => {
    expect(overlap({ min: 40000, max: 40255 }, { min: 32768, max: 60999 })).toEqual({
      min: 40000,
      max: 40255,
    });
    expect(overlap({ min: 32700, max: 32955 }, { min: 32768, max: 60999 })).toEqual({
      min: 32768,
      max: 32955,
    });
    expect(overlap({ min: 32000, max: 32255 }, { min: 32768, max: 60999 })).toBeNull();
  });

  it('warns at start when the block overlaps, and is silent with the default base on Debian', () => {
    const debian = { min: 32768, max: 60999 };
    const warned = manager(40000, debian);
    expect(warned).toHaveLength(1);
    expect(warned[0]?.msg).toMatch(/RESTREAM_UDP_PORT_BASE/);
    expect(warned[0]?.shared).toEqual({ min: 40000, max: 40255 });
    const base = loadConfig({ ...process.env, RESTREAM_UDP_PORT_BASE: undefined }).RESTREAM_UDP_PORT_BASE;
    expect(manager(base, debian)).toEqual([]);
    expect(manager(40000, null)).toEqual([]);
  });
});
