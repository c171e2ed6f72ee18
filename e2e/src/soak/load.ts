// The soak's load: SIPp callers at a steady rate, SIPp phones of the call-takers answering after a human
// delay, unit devices reporting positions, and the consoles (in a worker thread).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Stream } from '@hcm112/shared';
import { freePort, type Kamailio, register, SCENARIOS } from '@hcm112/telephony/testing';
import type { ConsoleTotals } from './consoles.ts';

function startSipp(
  scenario: string,
  target: string,
  args: string[],
): { child: ChildProcess; done: Promise<number> } {
  const child = spawn(
    'sipp',
    [target, '-sf', join(SCENARIOS, scenario), '-i', '127.0.0.1', '-nostdin', ...args],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  const done = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  return { child, done };
}

/** One SIPp phone answering for every extension (each registered with its contact), up to `calls` calls. */
export async function startPhones(kamailio: Kamailio, extensions: string[], calls: number) {
  const port = await freePort();
  const phones = startSipp('calltaker-answers-after-a-while.xml', kamailio.target, [
    '-p',
    String(port),
    '-m',
    String(calls),
    '-key',
    'ext',
    extensions[0] ?? '3000',
  ]);
  for (const extension of extensions) await register(kamailio, extension, port);
  return {
    stop: async () => {
      phones.child.kill('SIGTERM');
      await phones.done;
      for (const extension of extensions) await register(kamailio, extension, port, { expires: 0 });
    },
  };
}

export interface CallerRun {
  done: Promise<number>;
  /** SIPp's own count of calls that succeeded and failed (its statistics file). */
  counts(): { successful: number; failed: number };
  stop(): void;
}

/** `count` callers from `caller` at `rate` per second, each talking `talkMs` once answered. */
export function startCallers(
  kamailio: Kamailio,
  caller: string,
  rate: number,
  count: number,
  talkMs: number,
): CallerRun {
  const statFile = join(mkdtempSync(join(tmpdir(), 'e112-soak-')), 'stat.csv');
  const run = startSipp('caller-talks.xml', kamailio.target, [
    '-s',
    '112',
    '-r',
    String(rate),
    '-m',
    String(count),
    '-l',
    '5000',
    '-d',
    String(talkMs),
    '-key',
    'caller',
    caller,
    '-trace_stat',
    '-stf',
    statFile,
    '-fd',
    '5',
  ]);
  return {
    done: run.done,
    counts() {
      const lines = readFileSync(statFile, 'utf8').trim().split('\n');
      const header = lines[0]!.split(';');
      const last = lines.at(-1)!.split(';');
      const column = (name: string) => Number(last[header.indexOf(name)] ?? Number.NaN);
      return { successful: column('SuccessfulCall(C)'), failed: column('FailedCall(C)') };
    },
    stop: () => run.child.kill('SIGTERM'),
  };
}

export interface AvlTotals {
  sent: number;
  failed: number;
  latencyMs: number[];
}

/** Every unit reports a position every `everyMs`, spread evenly over the period. */
export function startUnitReports(
  baseUrl: string,
  units: Array<{ id: string; token: string }>,
  everyMs: number,
) {
  const totals: AvlTotals = { sent: 0, failed: 0, latencyMs: [] };
  const tickMs = 100;
  const perTick = (units.length * tickMs) / everyMs;
  let next = 0;
  let owed = 0;
  const report = async (unit: { id: string; token: string }) => {
    const started = performance.now();
    try {
      const res = await fetch(`${baseUrl}/api/avl/units/${unit.id}/positions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-unit-token': unit.token },
        body: JSON.stringify({
          lat: 10.7 + Math.random() * 0.1,
          lon: 106.6 + Math.random() * 0.1,
          speedKmh: 30,
        }),
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      if (res.status !== 202) totals.failed += 1;
    } catch {
      totals.failed += 1;
    }
    totals.sent += 1;
    totals.latencyMs.push(performance.now() - started);
  };
  const timer = setInterval(() => {
    owed += perTick;
    for (; owed >= 1; owed -= 1) {
      void report(units[next]!);
      next = (next + 1) % units.length;
    }
  }, tickMs);
  return { totals, stop: () => clearInterval(timer) };
}

/** The consoles, connected and subscribed; `stop` returns what they received. */
export async function startConsoles(baseUrl: string, consoles: Array<{ token: string; streams: Stream[] }>) {
  const file = new URL('./consoles.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(file)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { url: baseUrl, consoles } });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve());
  });
  return {
    async stop(): Promise<ConsoleTotals> {
      const totals = new Promise<ConsoleTotals>((resolve) =>
        worker.once('message', (m: { totals: ConsoleTotals }) => resolve(m.totals)),
      );
      worker.postMessage('stop');
      const result = await totals;
      await worker.terminate();
      return result;
    },
  };
}
