// Production mode, first half: the configuration values a production server refuses (default passwords, demo
// secrets, cookies without TLS, Redis without a password). Pure: the same list for the server and the commands.
import { readFileSync } from 'node:fs';
import { CameraNetworks } from '../cameras/camera-networks.ts';
import type { Config } from '../config.ts';

/** Passwords the repository ships as defaults for local development; anyone who read it knows them. */
const DEFAULT_DB_PASSWORDS = new Set(['', 'e112', 'e112_app', 'e112_kamailio', 'e112_owner', 'postgres']);
/**
 * Words that mark a secret somebody typed as an example rather than drew from a random source; long enough that a
 * random base64 secret contains one by chance about once in ten million.
 */
const DEMO_WORDS = /demo-|changeme|example|password|secret|hcm112/i;
/** Where `npm run demo` keeps the secret it made for this machine (infra/demo.sh). */
export const DEMO_SIP_SECRET_FILE = '/var/lib/e112/demo/sip-auth-secret';

function demoSipSecret(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
const MIN_DB_PASSWORD = 16;

export function isProduction(config: Pick<Config, 'NODE_ENV'>): boolean {
  return config.NODE_ENV === 'production';
}

/** Why a database URL's password is unfit for production, or nothing. */
export function databaseUrlProblems(name: string, value: string): string[] {
  const url = new URL(value);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!password) return [`${name} has no password`];
  if (DEFAULT_DB_PASSWORDS.has(password) || password === user)
    return [`${name} uses a default password from the repository`];
  if (password.length < MIN_DB_PASSWORD)
    return [`${name} password is shorter than ${MIN_DB_PASSWORD} characters`];
  return [];
}

/** Why a shared secret looks like a demo or hand-typed value (it must come from a random source). */
export function secretProblems(
  name: string,
  value: string | undefined,
  demoValue?: string,
  minLength = 32,
): string[] {
  if (!value) return [`${name} is not set`];
  if (value.length < minLength) return [`${name} is shorter than ${minLength} characters`];
  if (value === demoValue) return [`${name} is the demo's secret`];
  if (DEMO_WORDS.test(value) || new Set(value).size < 12)
    return [`${name} looks like a demo value, not a random one`];
  return [];
}

/** Why a Redis URL is unfit for production: a Redis without a password lets anyone on its network rewrite queues. */
export function redisUrlProblems(name: string, value: string): string[] {
  const url = new URL(value);
  const password = decodeURIComponent(url.password);
  if (!password) return [`${name} has no password (requirepass or an ACL user)`];
  if (password.length < MIN_DB_PASSWORD)
    return [`${name} password is shorter than ${MIN_DB_PASSWORD} characters`];
  return [];
}

/**
 * Why CAMERA_NETWORKS is unfit for production: its default (loopback) or any range holding loopback lets a camera
 * URL reach this server's own services (Redis, PostgreSQL, Kamailio's control ports), the very fetch the camera
 * network check exists to stop; production names the cameras' own networks.
 */
export function cameraNetworkProblems(networks: readonly string[]): string[] {
  let cameras: CameraNetworks;
  try {
    cameras = new CameraNetworks(networks);
  } catch {
    return ['CAMERA_NETWORKS is not a comma-separated list of CIDRs'];
  }
  if (cameras.contains('127.0.0.1') || cameras.contains('::1'))
    return [
      "CAMERA_NETWORKS includes loopback (the default 127.0.0.0/8): set it to the cameras' own networks",
    ];
  return [];
}

/** Every configuration value a production server refuses; empty when the configuration may start. */
export function productionConfigProblems(config: Config, demoSecretFile = DEMO_SIP_SECRET_FILE): string[] {
  return [
    ...(config.COOKIE_SECURE ? [] : ['COOKIE_SECURE must be true (session cookies only over TLS)']),
    ...databaseUrlProblems('DATABASE_URL', config.DATABASE_URL),
    ...databaseUrlProblems('KAMAILIO_DATABASE_URL', config.KAMAILIO_DATABASE_URL),
    ...redisUrlProblems('REDIS_URL', config.REDIS_URL),
    ...secretProblems('SIP_AUTH_SECRET', config.SIP_AUTH_SECRET, demoSipSecret(demoSecretFile)),
    ...(config.SIMULATOR ? ['SIMULATOR must be false (it drives the demo units)'] : []),
    ...cameraNetworkProblems(config.CAMERA_NETWORKS),
  ];
}

/** Thrown when production mode finds something it refuses; lists every problem at once, never a secret. */
export class NotProductionReady extends Error {
  constructor(readonly problems: string[]) {
    super(`refusing to start in production: ${problems.join('; ')}`);
    this.name = 'NotProductionReady';
  }
}
