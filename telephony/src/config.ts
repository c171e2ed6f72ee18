// Call-control configuration: read from the environment once, validated, frozen.
import { hostname } from 'node:os';
import { z } from 'zod';
import { trustedTrunks } from './caller-identity.ts';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6390'),
  /** Same prefix as the server: BullMQ queues and ACD keys of one deployment. */
  REDIS_PREFIX: z.string().min(1).max(64).default('e112'),
  EVAPI_HOST: z.string().default('127.0.0.1'),
  EVAPI_PORT: z.coerce.number().int().min(1).max(65535).default(8448),
  /**
   * Sent first on the evapi connection; Kamailio gives events to and obeys only a connection that sent it (the
   * same value as kamailio.sh's EVAPI_SECRET). Required in every mode: Kamailio refuses to start without one.
   */
  EVAPI_SECRET: z
    .string({ error: 'required: the secret Kamailio was started with (32+ characters)' })
    .regex(/^[A-Za-z0-9+/=_-]{32,256}$/, '32-256 characters of A-Z a-z 0-9 + / = _ -'),
  /** How long a leader's lock lasts without renewal: the standby takes over within this after a crash. */
  LEADER_TTL_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
  /** Names this instance in the leader lock and the logs. */
  INSTANCE_ID: z.string().min(1).max(128).default(`${hostname()}:${process.pid}`),
  /** A console command older than this when call control gets it is refused (the user was told 503). */
  COMMAND_MAX_AGE_MS: z.coerce.number().int().positive().default(30_000),
  /** Wrap-up after each call until a supervisor sets the centre's own (0: none). */
  WRAPUP_SECONDS: z.coerce.number().int().min(0).max(600).default(15),
  /** A call queued longer than this ends the wrap-up of the call-taker longest in it. */
  WRAPUP_BREAK_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /**
   * The same figures as Kamailio's (kamailio.sh reads the same names): a text session offered in a console
   * lapses to the next call-taker after RING_TIMEOUT_MS, and one with an overflow destination goes there after
   * waiting QUEUE_TIMEOUT_MS, as a call does.
   */
  RING_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  QUEUE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  /** A graceful stop (SIGTERM) that takes longer than this is cut short: the process exits 1. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(10),
  /**
   * Carriers' SIP trunks whose P-Asserted-Identity is the caller's number (RFC 3325 trust domain): comma-separated
   * IP addresses or CIDRs, the same list kamailio.sh reads. From anywhere else the From header is used.
   */
  TRUSTED_TRUNKS: z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      try {
        trustedTrunks(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  /**
   * Location servers whose https: Geolocation URIs are dereferenced with HELD: comma-separated origins
   * (https://ls.carrier.example:8443). A URI of any other origin is recorded as unusable, never fetched.
   */
  HELD_SERVERS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const origins: string[] = [];
      for (const entry of v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const url = URL.canParse(entry) ? new URL(entry) : null;
        if (url?.protocol !== 'https:')
          ctx.addIssue({ code: 'custom', message: `not an https origin: ${entry}` });
        else origins.push(url.origin);
      }
      return Object.freeze(origins);
    }),
  /** PEM file of the CAs the location servers' certificates are checked against (default: the system's). */
  HELD_CA_FILE: z.string().optional(),
  HELD_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  HELD_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  /**
   * A queued caller hears the recorded messages (early media from rtpengine) once the call has waited this long;
   * 0: never. Then every ANNOUNCE_EVERY_SECONDS, with ringback in between (docs/architecture.md, "Announcements
   * while waiting").
   */
  ANNOUNCE_AFTER_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /** rtpengine's ng control address (the relay Kamailio uses): call control makes an announcement's answer there. */
  RTPENGINE_NG_HOST: z.string().min(1).default('127.0.0.1'),
  RTPENGINE_NG_PORT: z.coerce.number().int().min(1).max(65535).default(2223),
  ANNOUNCE_EVERY_SECONDS: z.coerce.number().min(1).max(3600).default(20),
  /** Folder of the messages (vi.wav, en.wav) and the ringback played between them (ringback.wav). */
  ANNOUNCE_DIR: z.string().min(1).default('/var/lib/e112/announcements'),
  /** A centre's own message files, in place of ANNOUNCE_DIR's (WAV, read by rtpengine on this host). */
  ANNOUNCE_FILE_VI: z.string().min(1).optional(),
  ANNOUNCE_FILE_EN: z.string().min(1).optional(),
  ANNOUNCE_RINGBACK_FILE: z.string().min(1).optional(),
  /**
   * Benchmarks only: collect each arrival's hop stamps in Redis (call-hops.ts) for `npm run bench -- telephony`.
   * Off, the stamps that ride on the arrival event are all there is.
   */
  HOP_TRACE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

// Whoever reaches a Redis without a password can route, drop or forge calls: production refuses one.
const CheckedEnv = Env.refine(
  (env) => env.NODE_ENV !== 'production' || new URL(env.REDIS_URL).password.length >= 16,
  { path: ['REDIS_URL'], message: 'in production, a Redis URL with a password of 16+ characters' },
);

export type TelephonyConfig = Readonly<z.infer<typeof Env>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TelephonyConfig {
  const parsed = CheckedEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return Object.freeze(parsed.data);
}
