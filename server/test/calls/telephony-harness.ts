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

export {
  dial,
  type Phone,
  register,
  registerPhone,
  type SippRun,
  sipp,
  startPhone,
  unregisterPhones,
} from '@hcm112/telephony/testing';
