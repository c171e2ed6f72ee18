// Server configuration: read from the environment once, validated, frozen.
import { z } from 'zod';

/** A SIP URI a console may be let to dial: sip:user@host[:port][;transport=udp|tcp]. */
const SIP_URI = /^sip:[A-Za-z0-9+._*#-]{1,64}@[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?(;transport=(udp|tcp))?$/;
const optionalSipUri = z
  .string()
  .regex(SIP_URI, 'a SIP URI: sip:user@host[:port][;transport=udp|tcp]')
  .or(z.literal(''))
  .optional()
  .transform((v) => v || undefined);

const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8112),
  /** Application role: may not update or delete audit rows. */
  DATABASE_URL: z.url().default('postgres://e112_app:e112_app@127.0.0.1:5432/e112'),
  /** Owner role: runs migrations and the seed. */
  DATABASE_ADMIN_URL: z.url().default('postgres://postgres@127.0.0.1:5432/e112'),
  /** Kamailio's role: reads only the view of desk phones' password digests (granted by the migration). */
  KAMAILIO_DATABASE_URL: z.url().default('postgres://e112_kamailio:e112_kamailio@127.0.0.1:5432/e112'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6390'),
  /** Prefix of every Redis key and BullMQ queue of this deployment (tests use one per test). */
  REDIS_PREFIX: z.string().min(1).max(64).default('e112'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 14)
    .default(14),
  /** Secure cookie flag; on behind TLS in production. */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(10_000_000)
    .default(256 * 1024),
  /** Where "today" starts for the call figures (IANA time zone). */
  TIME_ZONE: z
    .string()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'an IANA time zone')
    .default('Asia/Ho_Chi_Minh'),
  /**
   * A call-taker's console that has not answered a heartbeat for this long counts as gone: call control sets
   * them not ready (console-lost). The server pings each call-taker console every third of it.
   */
  CONSOLE_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(8),
  /** A unit position older than this is flagged stale. */
  AVL_STALE_SECONDS: z.coerce.number().int().positive().default(120),
  /** Folder of the built dispatcher-ui, served at /. */
  UI_DIST: z.string().default(new URL('../../dispatcher-ui/dist', import.meta.url).pathname),
  /** Optional raster tile server for the map, e.g. https://tiles.example/{z}/{x}/{y}.png */
  MAP_TILE_URL: z.string().default(''),
  /** Real city data folder (shared/data): the import commands, and the server's default street network. */
  GEODATA_DIR: z.string().default(new URL('../../../shared/data', import.meta.url).pathname),
  /**
   * Drivable streets (GeoJSON LineStrings with OSM highway/oneway tags) for travel times; empty: the 2018 streets
   * in GEODATA_DIR; 'none': straight-line estimates only. A missing file also means straight-line estimates.
   */
  ROAD_NETWORK_FILE: z.string().default(''),
  /** Speeds by road class and period, unit kind factors, detour factor (JSON); empty: the built-in defaults. */
  ROAD_SPEEDS_FILE: z.string().default(''),
  /** Folder for HLS restream output. */
  HLS_DIR: z.string().default('/tmp/e112-hls'),
  FFMPEG_PATH: z.string().default('/usr/bin/ffmpeg'),
  /** Most restreams (ffmpeg processes) this instance runs at once; one more viewer gets 503. */
  RESTREAM_MAX: z.coerce.number().int().positive().max(200).default(32),
  /**
   * First UDP port of the RTSP restreams: each restream has its own block of 8 ports (RESTREAM_MAX blocks), so
   * none collide. Keep it apart from rtpengine's RTP_PORT_MIN..RTP_PORT_MAX (30000-31999 by default) and below the
   * kernel's ephemeral ports (32768 up on Debian), where the kernel may have given a port to another socket.
   */
  RESTREAM_UDP_PORT_BASE: z.coerce
    .number()
    .int()
    .min(1024)
    .max(65535 - 8 * 200)
    .default(32000),
  /** A restream nobody fetched for this long is stopped. */
  RESTREAM_IDLE_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** How long a first viewer waits for the first HLS segment before 503. */
  RESTREAM_START_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(20),
  /** Seconds between camera stream health rounds; 0 turns the check off. */
  CAMERA_HEALTH_INTERVAL_SECONDS: z.coerce.number().nonnegative().max(86_400).default(60),
  /** Largest camera import (GeoJSON or CSV) accepted. */
  CAMERA_IMPORT_MAX_BYTES: z.coerce.number().int().positive().max(200_000_000).default(20_000_000),
  /** Analytics events of one camera and kind this close together fold into one alert. */
  /**
   * Senders of Advanced Mobile Location messages (ETSI TS 103 625) over HTTPS: comma-separated name:secret (secret
   * 32+ characters); each message is signed `x-aml-signature: sha256=<hex HMAC-SHA256 of the body bytes as sent>`.
   */
  AML_SENDERS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const senders = new Map<string, string>();
      for (const entry of v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const [name = '', secret = ''] = entry.split(/:(.*)/s);
        if (!/^[\w.-]{1,64}$/.test(name) || secret.length < 32)
          ctx.addIssue({
            code: 'custom',
            message: `name:secret with a secret of 32+ characters (${name || '?'})`,
          });
        else senders.set(name, secret);
      }
      return senders;
    }),
  /** An AML message joins the live call of its number, or one that ended at most this long ago. */
  AML_JOIN_WINDOW_SECONDS: z.coerce.number().int().positive().max(86_400).default(600),
  ALERT_DEDUP_SECONDS: z.coerce.number().int().positive().max(86_400).default(600),
  /** A signed analytics post older or newer than this (clock skew) is refused as a possible replay. */
  ANALYTICS_REPLAY_SECONDS: z.coerce.number().int().positive().max(3600).default(300),
  /**
   * The secret shared with Kamailio (auth_ephemeral) that signs the console softphone's short-lived SIP
   * credentials; the same value kamailio.sh is started with. Unset: the console gets no credentials (503).
   */
  SIP_AUTH_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{32,256}$/, '32-256 characters of A-Z a-z 0-9 + / = _ -')
    .or(z.literal(''))
    .optional()
    .transform((v) => v || undefined),
  /** Digest realm and SIP domain of the call-takers' phones (kamailio.sh SIP_REALM). */
  SIP_REALM: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/)
    .default('127.0.0.1'),
  /** Kamailio's SIP over WebSocket address as the console's browser reaches it. */
  SIP_WS_URL: z
    .string()
    .regex(/^wss?:\/\/\S+$/, 'a ws:// or wss:// URL')
    .default('ws://127.0.0.1:5066'),
  /** How long the console's SIP credentials work; the console fetches new ones before they expire. */
  SIP_CREDENTIALS_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  /** Police (113), fire and rescue (114), ambulance (115) as the console dials them: a SIP URI each (or unset). */
  AGENCY_113_URI: optionalSipUri,
  AGENCY_114_URI: optionalSipUri,
  AGENCY_115_URI: optionalSipUri,
  /** Other numbers a call-taker may call or conference in: `Label=sip:uri` separated by commas. */
  DIAL_DESTINATIONS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const list = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const parsed = list.map((item) => {
        const at = item.indexOf('=');
        return { label: item.slice(0, at).trim(), uri: item.slice(at + 1).trim() };
      });
      for (const d of parsed)
        if (!d.label || d.label.length > 60 || !SIP_URI.test(d.uri))
          ctx.addIssue({ code: 'custom', message: 'each entry must be Label=sip:user@host[:port]' });
      return parsed;
    }),
  /** Callbacks to callers go out through the carrier: `{number}` is replaced, e.g. sip:{number}@carrier:5060. */
  CALLBACK_TRUNK_URI: z
    .string()
    .refine((v) => SIP_URI.test(v.replace('{number}', '0')) && v.includes('{number}'), {
      message: 'a SIP URI with {number} in it, e.g. sip:{number}@carrier.example:5060',
    })
    .or(z.literal(''))
    .optional()
    .transform((v) => v || undefined),
  /** How long a console's permission to dial one number lasts (the edge checks it at the INVITE). */
  DIAL_GRANT_SECONDS: z.coerce.number().int().min(5).max(300).default(30),
  /**
   * rtpengine's recording folder (rtpengine.sh RECORDING_DIR): each call's pcap and metadata, which the server
   * turns into the call's file after hang-up and then removes.
   */
  RECORDING_DIR: z.string().min(1).default('/var/lib/e112/rtpengine-2223/recordings'),
  /** Where the calls' recordings are kept (`<day>/<call id>.flac`), indexed in call_recordings. */
  RECORDING_STORE_DIR: z.string().min(1).default('/var/lib/e112/recordings'),
  /** Seconds a hung-up call's capture may take to be closed by rtpengine before the call counts as not recorded. */
  RECORDING_SETTLE_SECONDS: z.coerce.number().min(0).max(120).default(10),
  /** Days a recording is kept; then its file is deleted unless held or its incident is open (the row stays). */
  RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  /** Seconds between retention rounds. */
  RECORDING_RETENTION_SWEEP_SECONDS: z.coerce.number().min(1).max(86_400).default(3600),
  /** A graceful stop (SIGTERM) that takes longer than this is cut short: the process exits 1. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(15),
  /** Minutes a device pairing code shown on the console works; it works once. */
  DEVICE_PAIRING_CODE_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** Days a crew device's credential works before the device must be paired again. */
  DEVICE_CREDENTIAL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Seconds between the positions a crew's phone sends while on duty (and on every status change). */
  CREW_POSITION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /** An assignment the crew has not acknowledged after this many seconds: the console tells to use the radio. */
  CREW_ACK_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  /** A paired device not heard from for this long is shown silent on the console. */
  DEVICE_SILENT_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  /** Whether the crew's app shows the caller's callback number. */
  CREW_SEES_CALLBACK_NUMBER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Area (south,west,north,east) a unit's position must fall in; anything else is refused as impossible. */
  SERVICE_AREA_BOUNDS: z
    .string()
    .default('10.0,106.2,11.8,107.7')
    .transform((v) => v.split(',').map(Number))
    .refine(
      (b) => b.length === 4 && b.every(Number.isFinite) && b[0]! < b[2]! && b[1]! < b[3]!,
      'south,west,north,east',
    )
    .transform(([south, west, north, east]) => ({ south: south!, west: west!, north: north!, east: east! })),
  /** Run the demo unit simulator inside this server. */
  SIMULATOR: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** How many times faster than real life the simulated crews drive and work (turnout, scene, hospital). */
  SIMULATOR_SPEEDUP: z.coerce.number().min(1).max(100).default(1),
  /**
   * Origins (scheme://host[:port], comma-separated) whose pages may make cookie-authenticated changes and open
   * /ws, besides the server's own origin (same Host). Empty: the server's own origin only.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url().transform((o) => new URL(o).origin))),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (express `trust proxy` list: addresses, CIDRs, or
   * loopback/linklocal/uniquelocal). Empty: none, the client is the TCP peer.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** A session unused for this many minutes ends (0: only SESSION_TTL_HOURS ends it). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(0),
  /**
   * Networks (CIDRs, comma-separated) that camera stream and snapshot URLs may point into; a camera whose host
   * is elsewhere (or a name that does not resolve into them) is refused. Default: loopback only.
   */
  CAMERA_NETWORKS: z
    .string()
    .default('127.0.0.0/8')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /**
   * When an incident still without a unit is flagged (escalated), by priority: `minPriority:seconds` pairs,
   * comma-separated; the highest minPriority the incident reaches applies.
   */
  ESCALATE_UNASSIGNED: z
    .string()
    .default('9:60,7:120,4:300,0:600')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => {
          const [minPriority, seconds] = p.split(':').map(Number);
          return { minPriority, seconds };
        }),
    )
    .pipe(
      z.array(
        z.object({
          minPriority: z.number().int().min(0).max(10),
          seconds: z.number().positive().max(86_400),
        }),
      ),
    ),
  /** Text to 112 web chat: sessions one address may start per 10 minutes (public page abuse limit). */
  TEXT112_SESSIONS_PER_IP: z.coerce.number().int().min(1).max(1000).default(3),
  /** Messages one web chat session or SIP sender may send per 10 s (refused with a reason beyond). */
  TEXT112_MESSAGES_PER_10S: z.coerce.number().int().min(1).max(1000).default(5),
  /** Requests of any kind one address may make to the public chat routes per minute. */
  TEXT112_REQUESTS_PER_IP_MIN: z.coerce.number().int().min(1).max(100_000).default(120),
  /**
   * The address callers' phones reach this server at (scheme://host[:port]), the start of every location link;
   * empty: the address the call-taker's console used.
   */
  PUBLIC_URL: z
    .url()
    .or(z.literal(''))
    .default('')
    .transform((v) => (v ? new URL(v).origin : '')),
  /**
   * Benchmarks only: collect when each call's arrival was picked up, committed and published (call-hops.ts) in
   * Redis for `npm run bench -- telephony`. Off, nothing more is written per call.
   */
  HOP_TRACE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** SMS gateway the location links are texted through: an HTTP POST of JSON {to, text}; empty: none. */
  SMS_GATEWAY_URL: z.url().or(z.literal('')).default(''),
  /** The Authorization header sent to the SMS gateway (e.g. `Bearer <key>`); never logged. */
  SMS_GATEWAY_AUTH: z.string().max(1000).default(''),
  SMS_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** rtpengine's ng control address (host:port) the server sends a caller's video through (publish/subscribe). */
  RTPENGINE_NG: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:[0-9]{1,5}$/, 'host:port')
    .default('127.0.0.1:2223')
    .transform((v) => {
      const i = v.lastIndexOf(':');
      return { host: v.slice(0, i), port: Number(v.slice(i + 1)) };
    }),
  /** A location link expires when its call ends, or this many minutes after it was sent, whichever is first. */
  CALLER_LINK_MAX_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /** Longest an HTTP request's SQL statement may run before PostgreSQL cancels it. */
  HTTP_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
});

export type Config = Readonly<z.infer<typeof Env>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration: ${lines.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}
