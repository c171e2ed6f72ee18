// Starts the whole server process (HTTP, realtime, workers) and stops it in reverse order.
import { CALL_EVENT_SHARDS } from '@hcm112/shared';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { AddressService } from './addresses/service.ts';
import { createApp } from './app.ts';
import { BACKGROUND_PARTS } from './background.ts';
import { AuthService } from './auth/service.ts';
import { CameraNetworks } from './cameras/camera-networks.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { assertReachable, createDb } from './db/database.ts';
import { DomainEvents } from './domain-events.ts';
import { FEATURES } from './features.ts';
import { RestreamManager } from './feeds/restreams.ts';
import { createLogger, type Logger } from './logger.ts';
import { EventPublisher } from './realtime/publisher.ts';
import { isProduction } from './production/config-checks.ts';
import { assertProductionConfig, assertProductionServices } from './production/readiness.ts';
import { watchRedisMemory } from './production/redis-memory-alert.ts';
import { logRedisOutages } from './redis-health.ts';
import { loadRoadRouter } from './roads/load.ts';

/** Something started with the server that must be stopped with it (websocket hub, workers, simulator). */
export interface Lifecycle {
  name: string;
  stop(): Promise<void>;
}

/** Background parts started after HTTP is listening; each returns how to stop it. */
export type BackgroundPart = (ctx: AppContext, http: Server) => Promise<Lifecycle>;

export interface RunningServer {
  ctx: AppContext;
  http: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(
  config: Config,
  log: Logger = createLogger(config.LOG_LEVEL),
  clock: () => Date = () => new Date(),
): Promise<RunningServer> {
  const production = isProduction(config);
  if (production) assertProductionConfig(config);
  // Before any connection: a bad speeds file stops the start with nothing to close.
  const roads = loadRoadRouter(config, log.child({ module: 'roads' }));
  const db = createDb(config.DATABASE_URL, 20, { statementTimeoutMs: config.HTTP_STATEMENT_TIMEOUT_MS });
  await assertReachable(db, config.DATABASE_URL);
  // Recording waits out a slow statement rather than losing the event; the bound only stops one hanging forever.
  // One connection per call event shard (each records one event at a time), so no shard waits for another.
  const recordingDb = createDb(config.DATABASE_URL, CALL_EVENT_SHARDS, {
    statementTimeoutMs: 60_000,
    genericPlans: true,
  });
  const redis = logRedisOutages(
    new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true }),
    log,
    'main',
  );
  try {
    await redis.connect();
    if (production) await assertProductionServices(db, redis);
  } catch (err) {
    redis.disconnect();
    await recordingDb.destroy();
    await db.destroy();
    throw err;
  }
  const auth = new AuthService({
    db,
    redis,
    redisPrefix: config.REDIS_PREFIX,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    now: clock,
  });
  const domain = new DomainEvents((err, event) => log.error({ err, event }, 'domain event listener failed'));
  const events = new EventPublisher(redis, config.REDIS_PREFIX, clock);
  const addresses = new AddressService(db);
  const restreams = new RestreamManager({
    ffmpegPath: config.FFMPEG_PATH,
    // One folder per process: two instances on one machine never clean up each other's segments.
    hlsDir: join(config.HLS_DIR, String(process.pid)),
    max: config.RESTREAM_MAX,
    idleMs: config.RESTREAM_IDLE_SECONDS * 1000,
    startTimeoutMs: config.RESTREAM_START_TIMEOUT_SECONDS * 1000,
    udpPortBase: config.RESTREAM_UDP_PORT_BASE,
    log: log.child({ module: 'restreams' }),
  });
  const cameraNetworks = new CameraNetworks(config.CAMERA_NETWORKS);
  const ctx: AppContext = {
    config,
    log,
    db,
    recordingDb,
    redis,
    auth,
    addresses,
    events,
    domain,
    restreams,
    cameraNetworks,
    roads,
    clock,
  };

  const app = createApp(ctx, FEATURES);
  const http = createServer(app);
  http.requestTimeout = 30_000;
  await new Promise<void>((resolve) => http.listen(config.PORT, config.HOST, resolve));
  const { port } = http.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;

  const parts: Lifecycle[] = production ? [watchRedisMemory(redis, log)] : [];
  for (const start of BACKGROUND_PARTS) parts.push(await start(ctx, http));
  log.info({ url }, 'server listening');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      http.closeIdleConnections();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      for (const part of [...parts].reverse()) {
        await part.stop().catch((err: unknown) => log.error({ err, part: part.name }, 'stop failed'));
      }
      http.closeAllConnections();
      await closed;
      redis.disconnect();
      await recordingDb.destroy();
      await db.destroy();
      log.info('server stopped');
    })();
    return stopping;
  };
  return { ctx, http, url, stop };
}
