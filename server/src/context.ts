// What every feature module is given: configuration, logging, the database, Redis, and the core services.
import type { Redis } from 'ioredis';
import type { AddressService } from './addresses/service.ts';
import type { AuthService } from './auth/service.ts';
import type { CameraNetworks } from './cameras/camera-networks.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { DomainEvents } from './domain-events.ts';
import type { Logger } from './logger.ts';
import type { RestreamManager } from './feeds/restreams.ts';
import type { EventPublisher } from './realtime/publisher.ts';
import type { RoadRouter } from './roads/router.ts';

export interface AppContext {
  config: Config;
  log: Logger;
  /** The pool of HTTP requests and background parts; each statement bounded by HTTP_STATEMENT_TIMEOUT_MS. */
  db: Db;
  /** Call recording's own pool: slow or many HTTP queries never make a call event wait for a connection. */
  recordingDb: Db;
  /** Command connection; BullMQ and subscribers open their own. */
  redis: Redis;
  auth: AuthService;
  addresses: AddressService;
  /** Realtime events to consoles (through Redis, across instances). */
  events: EventPublisher;
  /** In-process reactions between features. */
  domain: DomainEvents;
  /** This instance's ffmpeg restreams of camera feeds (started by viewers, stopped by the feeds part). */
  restreams: RestreamManager;
  /** The networks camera URLs may point into (CAMERA_NETWORKS). */
  cameraNetworks: CameraNetworks;
  /** Travel times and routes along the streets (straight-line estimates without a network). */
  roads: RoadRouter;
  clock: () => Date;
}
