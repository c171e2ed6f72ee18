// A whole system for one test file, started the way the demo starts it: local services by infra/services.sh,
// a private copy of the migrated and seeded database, Kamailio by telephony/scripts/kamailio.sh on free ports,
// and call control and the server as their own processes (so fault tests can kill and restart them).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, newSipSecret, type Rtpengine, startRtpengine, waitFor } from '@hcm112/telephony/testing';
import { Redis } from 'ioredis';
import { createSystemDatabase, type SystemDatabase } from './databases.ts';
import { ManagedProcess } from './managed-process.ts';
import { ARTIFACTS_DIR, KAMAILIO_SCRIPT, REPO_ROOT, SERVICES_SCRIPT } from './paths.ts';

const run = promisify(execFile);

export interface SystemOptions {
  /** Start Kamailio and call control too (default true). */
  telephony?: boolean;
  /** Run the demo unit simulator in the server. */
  simulator?: boolean;
  /** Extra environment for the server, call control and Kamailio (e.g. RING_TIMEOUT_MS). */
  env?: Record<string, string>;
  /** Redis of this system (default REDIS_URL or the one of infra/services.sh), e.g. a private one to restart. */
  redisUrl?: string;
  /** PostgreSQL port the server connects to instead of 5432, e.g. a proxy a test cuts. */
  databasePort?: number;
}

export interface Kamailio {
  sipPort: number;
  evapiPort: number;
  wsPort: number;
  /** `ip:port` for SIPp. */
  target: string;
  /** The media relay every call of this system goes through. */
  rtpengine: Rtpengine;
  /** SIP_AUTH_SECRET shared by Kamailio and the server: phones' short-lived credentials are signed with it. */
  sipSecret: string;
  /** Browser Origins the WebSocket port accepts: the system's own consoles. */
  wsOrigins: string[];
}

export interface RunningSystem {
  url: string;
  database: SystemDatabase;
  redisUrl: string;
  redisPrefix: string;
  kamailio?: Kamailio;
  /** The environment Kamailio was started with (for `kamailio.sh rpc`). */
  kamailioEnv?: NodeJS.ProcessEnv;
  server: ManagedProcess;
  callControl?: ManagedProcess;
  /** Starts a stopped or killed server again and waits until it answers. */
  restartServer(): Promise<void>;
  /** Starts one more server instance on the same database and Redis (optionally through a PostgreSQL proxy). */
  startInstance(databasePort?: number): Promise<{ process: ManagedProcess; url: string }>;
  stop(): Promise<void>;
}

export async function servicesUp(): Promise<void> {
  await run('bash', [SERVICES_SCRIPT, 'up'], { cwd: REPO_ROOT });
}

function nodeProcess(name: string, entry: string, env: NodeJS.ProcessEnv, logDir: string): ManagedProcess {
  // `node --import tsx` runs the TypeScript in this very process, so its PID is the one a fault test kills.
  return new ManagedProcess(name, process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env,
    logFile: join(logDir, `${name}.log`),
  });
}

async function startKamailio(env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run('bash', [KAMAILIO_SCRIPT, 'start'], { env });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`kamailio did not start: ${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  await servicesUp();
  const id = randomBytes(4).toString('hex');
  const logDir = join(ARTIFACTS_DIR, 'logs', `system-${id}`);
  const database = await createSystemDatabase();
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
  const redisPrefix = `e112e2e:${id}`;
  const port = await freePort();
  const sipSecret = newSipSecret();
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
    ...options.env,
  };

  let kamailio: Kamailio | undefined;
  let kamailioEnv: NodeJS.ProcessEnv | undefined;
  let stateDir: string | undefined;
  let callControl: ManagedProcess | undefined;
  let rtpengine: Rtpengine | undefined;
  if (options.telephony !== false) {
    const [sipPort, evapiPort, wsPort] = [await freePort(), await freePort(), await freePort()];
    stateDir = mkdtempSync(join(tmpdir(), 'e112-e2e-kam-'));
    rtpengine = await startRtpengine();
    kamailioEnv = {
      ...common,
      SIP_PORT: String(sipPort),
      EVAPI_PORT: String(evapiPort),
      WS_PORT: String(wsPort),
      E112_STATE_DIR: stateDir,
      RTPENGINE_NG_PORT: String(rtpengine.ngPort),
      SIP_AUTH_SECRET: sipSecret,
      // The consoles this system serves; more (e.g. another port of the same server) through options.env.
      WS_ORIGINS: `http://127.0.0.1:${port}`,
      ...options.env,
    };
    await startKamailio(kamailioEnv);
    kamailio = {
      sipPort,
      evapiPort,
      wsPort,
      target: `127.0.0.1:${sipPort}`,
      rtpengine,
      sipSecret,
      wsOrigins: String(kamailioEnv.WS_ORIGINS).split(','),
    };
    callControl = nodeProcess('call-control', 'telephony/src/main.ts', kamailioEnv, logDir);
    callControl.start();
  }

  const serverEnv = (port: number, databasePort?: number): NodeJS.ProcessEnv => ({
    ...common,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databasePort ? withPort(database.url, databasePort) : database.url,
    DATABASE_ADMIN_URL: database.adminUrl,
    SIMULATOR: options.simulator ? 'true' : 'false',
    HLS_DIR: join(tmpdir(), `e112-e2e-hls-${id}`),
    SIP_AUTH_SECRET: sipSecret,
    ...(kamailio && { SIP_WS_URL: `ws://127.0.0.1:${kamailio.wsPort}` }),
  });
  const server = nodeProcess('server', 'server/src/main.ts', serverEnv(port, options.databasePort), logDir);
  const url = `http://127.0.0.1:${port}`;
  const startServer = () => startAndWait(server, url);
  await startServer();
  const instances: ManagedProcess[] = [];

  return {
    url,
    database,
    redisUrl,
    redisPrefix,
    kamailio,
    kamailioEnv,
    server,
    callControl,
    restartServer: startServer,
    async startInstance(databasePort?: number) {
      const instancePort = await freePort();
      const n = instances.length + 2;
      const instance = nodeProcess(
        `server-${n}`,
        'server/src/main.ts',
        serverEnv(instancePort, databasePort),
        logDir,
      );
      instances.push(instance);
      const instanceUrl = `http://127.0.0.1:${instancePort}`;
      await startAndWait(instance, instanceUrl);
      return { process: instance, url: instanceUrl };
    },
    async stop() {
      for (const instance of instances) await instance.stop();
      await server.stop();
      await callControl?.stop();
      if (kamailioEnv) await run('bash', [KAMAILIO_SCRIPT, 'stop'], { env: kamailioEnv }).catch(() => {});
      await rtpengine?.remove();
      if (stateDir) rmSync(stateDir, { recursive: true, force: true });
      rmSync(join(tmpdir(), `e112-e2e-hls-${id}`), { recursive: true, force: true });
      await dropRedisPrefix(redisUrl, redisPrefix);
      await database.drop();
    },
  };
}

async function startAndWait(server: ManagedProcess, url: string): Promise<void> {
  server.start();
  await waitFor(
    async () => {
      if (!server.running) throw new Error(`server exited:\n${server.logTail()}`);
      return httpAnswers(`${url}/healthz`);
    },
    'the server to answer',
    90_000,
  );
}

/** Whether an HTTP endpoint answers 2xx now; a refused connection is a no. */
async function httpAnswers(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
  return res?.ok ?? false;
}

function withPort(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}

/** Removes every key a system wrote under its prefix, so test runs leave nothing behind in Redis. */
export async function dropRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
