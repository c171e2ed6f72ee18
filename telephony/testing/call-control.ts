// The call-control service for a test, as its own process (so a test can stop it gracefully or kill it like a
// crash), and the check of which instance leads and is in sync with Kamailio.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { acdKeys } from '@hcm112/shared';
import { Redis } from 'ioredis';
import type { Kamailio } from './kamailio.ts';
import { waitFor } from './wait-for.ts';

const TELEPHONY = resolve(import.meta.dirname, '..');

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
  options: {
    instance?: string;
    standby?: boolean;
    leaderTtlMs?: number;
    /** Extra environment, e.g. WRAPUP_SECONDS for a test about wrap-up. */
    env?: Record<string, string>;
  } = {},
): Promise<CallControlProcess> {
  const instance = options.instance ?? `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  // Node itself runs the service (tsx as a loader), so SIGKILL reaches the service, not a wrapper.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(TELEPHONY, 'src/main.ts')],
    {
      cwd: TELEPHONY,
      env: {
        ...process.env,
        REDIS_URL: redisUrl,
        EVAPI_PORT: String(kamailio.evapiPort),
        EVAPI_SECRET: kamailio.evapiSecret,
        ...(kamailio.rtpengine ? { RTPENGINE_NG_PORT: String(kamailio.rtpengine.ngPort) } : {}),
        REDIS_PREFIX: prefix,
        INSTANCE_ID: instance,
        LEADER_TTL_MS: String(options.leaderTtlMs ?? 2000),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        // A test not about wrap-up lets one call-taker take calls back to back.
        WRAPUP_SECONDS: '0',
        ...options.env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (sig: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  if (!options.standby) {
    const redis = new Redis(redisUrl);
    try {
      await waitFor(
        async () => (await controllerInstance(redis, prefix)) === instance,
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
