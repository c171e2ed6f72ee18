// Real telephony peers for call tests: Kamailio (through telephony/scripts/kamailio.sh) on free ports, the
// call-control service as a child process, and SIPp callers and call-taker phones. Stops only what it started.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TELEPHONY = resolve(import.meta.dirname, '../../../telephony');
const SCENARIOS = join(TELEPHONY, 'test/scenarios');
const TSX = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');

/** A port free for TCP now (UDP on the same number is free in practice on loopback). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export interface Kamailio {
  sipPort: number;
  evapiPort: number;
  stop(): Promise<void>;
}

export async function startKamailio(env: Record<string, string> = {}): Promise<Kamailio> {
  const stateDir = mkdtempSync(join(tmpdir(), 'e112-kam-'));
  const sipPort = await freePort();
  const evapiPort = await freePort();
  const fullEnv = {
    ...process.env,
    SIP_PORT: String(sipPort),
    EVAPI_PORT: String(evapiPort),
    E112_STATE_DIR: stateDir,
    ...env,
  };
  const script = join(TELEPHONY, 'scripts/kamailio.sh');
  await run('bash', [script, 'start'], { env: fullEnv });
  return {
    sipPort,
    evapiPort,
    async stop() {
      await run('bash', [script, 'stop'], { env: fullEnv });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export interface CallControlProcess {
  stop(): Promise<void>;
}

export function startCallControl(evapiPort: number, redisPrefix: string): CallControlProcess {
  const child: ChildProcess = spawn(TSX, [join(TELEPHONY, 'src/main.ts')], {
    env: {
      ...process.env,
      EVAPI_PORT: String(evapiPort),
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return {
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs one SIPp scenario to its end; resolves with SIPp's exit code (0: every call succeeded). */
export function sipp(
  scenario: string,
  target: string,
  args: string[],
  keys: Record<string, string | number> = {},
): { done: Promise<number>; stop(): void } {
  const keyArgs = Object.entries(keys).flatMap(([k, v]) => ['-key', k, String(v)]);
  const child = spawn(
    'sipp',
    [
      target,
      '-sf',
      join(SCENARIOS, scenario),
      '-i',
      '127.0.0.1',
      '-nostdin',
      '-timeout',
      '60s',
      ...args,
      ...keyArgs,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const done = new Promise<number>((ok) => child.once('exit', (code) => ok(code ?? -1)));
  return { done, stop: () => child.exitCode === null && child.kill('SIGTERM') };
}

/** A call-taker phone: SIPp answering on a free port, registered to Kamailio as `ext`. */
export async function startPhone(kamailio: Kamailio, ext: string, scenario = 'calltaker-answers.xml') {
  const port = await freePort();
  const target = `127.0.0.1:${kamailio.sipPort}`;
  const phone = sipp(scenario, target, ['-p', String(port), '-m', '1'], { ext });
  const reg = sipp('register.xml', target, ['-m', '1'], { ext, contact_port: port, expires: 3600 });
  if ((await reg.done) !== 0) throw new Error(`registration of ${ext} failed`);
  return phone;
}
