// Real telephony peers for call tests: Kamailio (through telephony/scripts/kamailio.sh) on free ports, the
// call-control service as a child process, and SIPp callers and call-taker phones. Stops only what it started.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { acdKeys } from '@hcm112/shared';
import { Redis } from 'ioredis';

const run = promisify(execFile);
const TELEPHONY = resolve(import.meta.dirname, '../../../telephony');
const SCENARIOS = join(TELEPHONY, 'test/scenarios');
const KAMAILIO_SH = join(TELEPHONY, 'scripts/kamailio.sh');

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

/** Polls `probe` until it returns a value; a generous bound turns a hang into a clear failure. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
}

export interface Kamailio {
  sipPort: number;
  wsPort: number;
  evapiPort: number;
  target: string;
  rpc(...args: string[]): Promise<string>;
  log(): string;
  stop(): Promise<void>;
}

export async function startKamailio(env: Record<string, string> = {}): Promise<Kamailio> {
  const stateDir = mkdtempSync(join(tmpdir(), 'e112-kam-'));
  const sipPort = await freePort();
  const wsPort = await freePort();
  const evapiPort = await freePort();
  const fullEnv = {
    ...process.env,
    SIP_PORT: String(sipPort),
    WS_PORT: String(wsPort),
    EVAPI_PORT: String(evapiPort),
    E112_STATE_DIR: stateDir,
    KAMAILIO_SHM_MB: '64',
    ...env,
  };
  await run('bash', [KAMAILIO_SH, 'start'], { env: fullEnv });
  return {
    sipPort,
    wsPort,
    evapiPort,
    target: `127.0.0.1:${sipPort}`,
    rpc: async (...args) => (await run('bash', [KAMAILIO_SH, 'rpc', ...args], { env: fullEnv })).stdout,
    log: () => readFileSync(join(stateDir, `kamailio-${sipPort}`, 'kamailio.log'), 'utf8'),
    async stop() {
      await run('bash', [KAMAILIO_SH, 'stop'], { env: fullEnv });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export interface CallControlProcess {
  instance: string;
  /** SIGTERM: a graceful stop (lock released). */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

/** Whether a call-control instance is connected to Kamailio and in sync (the server's 503 test too). */
export async function controllerInstance(redis: Redis, prefix: string): Promise<string | undefined> {
  const raw = await redis.get(acdKeys(prefix).controller);
  return raw ? (JSON.parse(raw) as { instance: string }).instance : undefined;
}

/**
 * Starts call control as its own process. Unless `standby`, resolves once it leads and is in sync with
 * Kamailio, so a test never dials into the fallback path by accident.
 */
export async function startCallControl(
  kamailio: Kamailio,
  redisUrl: string,
  prefix: string,
  options: { instance?: string; standby?: boolean; leaderTtlMs?: number } = {},
): Promise<CallControlProcess> {
  const instance = options.instance ?? `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  // Node itself runs the service (tsx as a loader), so SIGKILL reaches the service, not a wrapper.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(TELEPHONY, 'src/main.ts')], {
    cwd: TELEPHONY,
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      EVAPI_PORT: String(kamailio.evapiPort),
      REDIS_PREFIX: prefix,
      INSTANCE_ID: instance,
      LEADER_TTL_MS: String(options.leaderTtlMs ?? 2000),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (sig: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  if (!options.standby) {
    const redis = new Redis(redisUrl);
    try {
      await waitFor(
        async () => ((await controllerInstance(redis, prefix)) === instance ? true : undefined),
        `call control ${instance} to lead and sync with Kamailio`,
      );
    } catch (err) {
      await signal('SIGKILL')();
      throw err;
    } finally {
      redis.disconnect();
    }
  }
  return { instance, stop: signal('SIGTERM'), kill: signal('SIGKILL') };
}

export interface SippRun {
  /** SIPp's exit code (0: every call succeeded). */
  done: Promise<number>;
  /** Resolves when every call succeeded; otherwise rejects with SIPp's own account of what went wrong. */
  ok(): Promise<void>;
  stop(): void;
}

const live = new Set<ChildProcess>();

/** Runs one SIPp scenario to its end. */
export function sipp(
  scenario: string,
  target: string,
  args: string[],
  keys: Record<string, string | number> = {},
): SippRun {
  const dir = mkdtempSync(join(tmpdir(), 'e112-sipp-'));
  const errorFile = join(dir, 'errors.log');
  const keyArgs = Object.entries(keys).flatMap(([k, v]) => ['-key', k, String(v)]);
  const child = spawn(
    'sipp',
    [target, '-sf', join(SCENARIOS, scenario), '-i', '127.0.0.1', '-nostdin', '-timeout', '60s'].concat(
      ['-trace_err', '-error_file', errorFile],
      args,
      keyArgs,
    ),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  live.add(child);
  const done = new Promise<number>((ok) =>
    child.once('exit', (code) => {
      live.delete(child);
      ok(code ?? -1);
    }),
  );
  const report = () => {
    let errors = '';
    try {
      errors = readFileSync(errorFile, 'utf8');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
    return `${stderr.trim()}\n${errors.trim()}`.slice(0, 4000);
  };
  return {
    done,
    async ok() {
      const code = await done;
      const text = report();
      if (code !== 0) throw new Error(`SIPp ${scenario} exited ${code}:\n${text}`);
    },
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

export interface Phone {
  extension: string;
  port: number;
  run: SippRun;
}

/** Registers `extension` with Kamailio for a phone listening on `port` (expires 0 unregisters). */
export async function register(kamailio: Kamailio, extension: string, port: number, expires = 3600) {
  await sipp('register.xml', kamailio.target, ['-m', '1'], {
    ext: extension,
    contact_port: port,
    expires,
  }).ok();
}

const registered = new Map<Kamailio, Phone[]>();

/** After a test: stops the SIPp callers and phones still running, unregisters every phone it registered. */
export async function unregisterPhones(kamailio: Kamailio): Promise<void> {
  for (const child of live) child.kill('SIGKILL');
  const phones = registered.get(kamailio) ?? [];
  registered.delete(kamailio);
  for (const phone of phones) await register(kamailio, phone.extension, phone.port, 0);
}

/** A call-taker phone: SIPp answering `calls` calls on a free port, registered to Kamailio as `extension`. */
export async function startPhone(
  kamailio: Kamailio,
  extension: string,
  options: { scenario?: string; calls?: number; registerIt?: boolean } = {},
): Promise<Phone> {
  const port = await freePort();
  const run = sipp(
    options.scenario ?? 'calltaker-answers.xml',
    kamailio.target,
    ['-p', String(port), '-m', String(options.calls ?? 1)],
    {
      ext: extension,
    },
  );
  const phone = { extension, port, run };
  if (options.registerIt !== false) await registerPhone(kamailio, phone);
  return phone;
}

/** Registers a phone started with registerIt: false (unregistered again by unregisterPhones). */
export async function registerPhone(kamailio: Kamailio, phone: Phone): Promise<void> {
  await register(kamailio, phone.extension, phone.port);
  registered.set(kamailio, [...(registered.get(kamailio) ?? []), phone]);
}

/** A citizen dialing `service` from `caller`; `scenario` says what they do. */
export function dial(
  kamailio: Kamailio,
  caller: string,
  options: { service?: string; scenario?: string; args?: string[]; keys?: Record<string, string> } = {},
): SippRun {
  return sipp(
    options.scenario ?? 'caller-answered.xml',
    kamailio.target,
    ['-s', options.service ?? '112', '-m', '1', ...(options.args ?? [])],
    { caller, ...options.keys },
  );
}
