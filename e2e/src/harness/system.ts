// A whole system for one test file, started the way the demo starts it: local services by infra/services.sh,
// a private copy of the migrated and seeded database, Kamailio through @hcm112/telephony/testing on free ports,
// and call control and the server as their own processes (so fault tests can kill and restart them).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, type Kamailio, newSipSecret, startKamailio, waitFor } from '@hcm112/telephony/testing';
import { Redis } from 'ioredis';
import { createSystemDatabase, type SystemDatabase } from './databases.ts';
import { ManagedProcess } from './managed-process.ts';
import { ARTIFACTS_DIR, REPO_ROOT, SERVICES_SCRIPT } from './paths.ts';
import { TcpProxy } from './tcp-proxy.ts';

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
  /** Runs on the system's database before anything starts, e.g. the real city's import as the demo runs it. */
  prepare?: (database: SystemDatabase) => Promise<void>;
  /** Consoles reach Kamailio's SIP WebSocket through a proxy (`sipWsProxy`) a test can cut. */
  sipWsProxy?: boolean;
}

export interface RunningSystem {
  url: string;
  database: SystemDatabase;
  redisUrl: string;
  redisPrefix: string;
  /** The system's Kamailio; the system stops it. */
  kamailio?: Kamailio;
  /** The consoles' path to Kamailio's SIP WebSocket, when started with `sipWsProxy`; the system closes it. */
  sipWsProxy?: TcpProxy;
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

export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  await servicesUp();
  const id = randomBytes(4).toString('hex');
  const logDir = join(ARTIFACTS_DIR, 'logs', `system-${id}`);
  const database = await createSystemDatabase();
  if (options.prepare) await options.prepare(database);
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
    // A test not about wrap-up lets one call-taker take calls back to back.
    WRAPUP_SECONDS: '0',
    ...options.env,
  };

  let kamailio: Kamailio | undefined;
  let callControl: ManagedProcess | undefined;
  let sipWsProxy: TcpProxy | undefined;
  // rtpengine's captures and the server's stored recordings, private to this system.
  const recordingDir = join(tmpdir(), `e112-e2e-recordings-${id}`);
  if (options.telephony !== false) {
    // Shared memory as the script gives production, unless the environment sets it.
    kamailio = await startKamailio(
      {
        KAMAILIO_SHM_MB: process.env.KAMAILIO_SHM_MB ?? '256',
        SIP_AUTH_SECRET: sipSecret,
        // The consoles this system serves; more (e.g. another port of the same server) through options.env.
        WS_ORIGINS: `http://127.0.0.1:${port}`,
        ...options.env,
      },
      { recordingDir: join(recordingDir, 'rtpengine') },
    );
    const controlEnv = {
      ...common,
      EVAPI_PORT: String(kamailio.evapiPort),
      EVAPI_SECRET: kamailio.evapiSecret,
      // Announcements are answered by this system's media relay, not one on the default ng port.
      ...(kamailio.rtpengine && { RTPENGINE_NG_PORT: String(kamailio.rtpengine.ngPort) }),
    };
    callControl = nodeProcess('call-control', 'telephony/src/main.ts', controlEnv, logDir);
    callControl.start();
    if (options.sipWsProxy) sipWsProxy = await TcpProxy.start(kamailio.wsPort);
  }

  const serverEnv = (port: number, databasePort?: number): NodeJS.ProcessEnv => ({
    ...common,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databasePort ? withPort(database.url, databasePort) : database.url,
    DATABASE_ADMIN_URL: database.adminUrl,
    SIMULATOR: options.simulator ? 'true' : 'false',
    HLS_DIR: join(tmpdir(), `e112-e2e-hls-${id}`),
    RECORDING_DIR: join(recordingDir, 'rtpengine'),
    RECORDING_STORE_DIR: join(recordingDir, 'calls'),
    SIP_AUTH_SECRET: sipSecret,
    ...(kamailio && { SIP_WS_URL: `ws://127.0.0.1:${sipWsProxy?.port ?? kamailio.wsPort}` }),
    // The caller's video from a location link goes through the same media relay as the calls.
    ...(kamailio?.rtpengine && { RTPENGINE_NG: `127.0.0.1:${kamailio.rtpengine.ngPort}` }),
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
    sipWsProxy,
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
      await sipWsProxy?.close();
      await kamailio?.stop().catch(() => {});
      rmSync(join(tmpdir(), `e112-e2e-hls-${id}`), { recursive: true, force: true });
      rmSync(recordingDir, { recursive: true, force: true });
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
