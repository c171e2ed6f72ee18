// Kamailio for a test: the project's own start script (telephony/scripts/kamailio.sh) on free ports with its
// own state folder, so each test file has a private SIP edge with its own media relay (rtpengine); stops only
// the instances it started.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { newSipSecret } from './sip-credentials.ts';
import { type Rtpengine, startRtpengine } from './rtpengine.ts';

const run = promisify(execFile);
const KAMAILIO_SH = resolve(import.meta.dirname, '../scripts/kamailio.sh');

export interface Kamailio {
  sipPort: number;
  wsPort: number;
  /** SIP over TLS and WebSocket over TLS: listening only when started with TLS_CERT_FILE and TLS_KEY_FILE. */
  tlsPort: number;
  wssPort: number;
  evapiPort: number;
  /** Where SIPp sends: `ip:port`. */
  target: string;
  /** The secret its phones' short-lived credentials are signed with (SIP_AUTH_SECRET). */
  sipSecret: string;
  /** What call control must send first on evapi (EVAPI_SECRET). */
  evapiSecret: string;
  /** Browser Origins its WebSocket port accepts. */
  wsOrigins: string[];
  /** The media relay this Kamailio drives; undefined when started with `media: false`. */
  rtpengine?: Rtpengine;
  rpc(...args: string[]): Promise<string>;
  log(): string;
  /** Stops Kamailio and starts it again on the same ports, as an operator's restart: its memory is gone. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts with one port taken by someone else before Kamailio bound it are retried on fresh ports this often. */
const START_ATTEMPTS = 3;

interface KamailioPorts {
  sipPort: number;
  wsPort: number;
  evapiPort: number;
  tlsPort: number;
  wssPort: number;
}

interface StartedOn extends KamailioPorts {
  fullEnv: Record<string, string | undefined> & {
    SIP_AUTH_SECRET: string;
    EVAPI_SECRET: string;
    WS_ORIGINS: string;
  };
}

async function freeKamailioPorts(): Promise<KamailioPorts> {
  return {
    sipPort: await freePort(),
    wsPort: await freePort(),
    evapiPort: await freePort(),
    tlsPort: await freePort(),
    wssPort: await freePort(),
  };
}

/** A file's text, or '' when it was never written. */
function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The Origin test WebSocket phones send, accepted by every test Kamailio unless WS_ORIGINS says otherwise. */
export const TEST_WS_ORIGIN = 'http://127.0.0.1:8112';

/**
 * Starts Kamailio on free SIP, WebSocket and evapi ports with a fresh SIP_AUTH_SECRET, with its own rtpengine
 * unless `media` is false (then its ng port names a free port nobody answers on: calls get direct media), its
 * recordings in `recordingDir` when given; `env`
 * overrides the script's settings (KAMAILIO_DATABASE_URL: desk phones' passwords from that database).
 */
export async function startKamailio(
  env: Record<string, string> = {},
  options: { media?: boolean; recordingDir?: string } = {},
): Promise<Kamailio> {
  const stateDir = mkdtempSync(join(tmpdir(), 'e112-kam-'));
  const rtpengine =
    options.media === false
      ? undefined
      : await startRtpengine(options.recordingDir ? { RECORDING_DIR: options.recordingDir } : {});
  const ngPort = String(rtpengine?.ngPort ?? (await freePort()));
  let started: StartedOn | undefined;
  for (let attempt = 1; !started; attempt += 1) {
    const ports = await freeKamailioPorts();
    const fullEnv = {
      ...process.env,
      SIP_PORT: String(ports.sipPort),
      WS_PORT: String(ports.wsPort),
      EVAPI_PORT: String(ports.evapiPort),
      TLS_PORT: String(ports.tlsPort),
      WSS_PORT: String(ports.wssPort),
      E112_STATE_DIR: stateDir,
      KAMAILIO_SHM_MB: '64',
      SIP_AUTH_SECRET: newSipSecret(),
      EVAPI_SECRET: newSipSecret(),
      WS_ORIGINS: TEST_WS_ORIGIN,
      RTPENGINE_NG_PORT: ngPort,
      // Every test caller comes from 127.0.0.1, as a carrier trunk's would: the per-source limit and the queue cap
      // are tested by the files that set them.
      TRUSTED_TRUNKS: '127.0.0.1',
      MAX_QUEUED_CALLS: '100000',
      ...env,
    };
    try {
      await run('bash', [KAMAILIO_SH, 'start'], { env: fullEnv });
      started = { ...ports, fullEnv };
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      const log = readLog(join(stateDir, `kamailio-${fullEnv.SIP_PORT}`, 'kamailio.log'));
      // A port free when chosen can be taken before Kamailio binds it: by another test file's server, or by a
      // socket the kernel numbers on its own (its ephemeral range is where free ports come from). Fresh ports then.
      if (attempt < START_ATTEMPTS && /Address already in use/.test(log)) continue;
      await rtpengine?.remove();
      rmSync(stateDir, { recursive: true, force: true });
      throw new Error(`kamailio did not start: ${e.stderr ?? ''}${e.stdout ?? ''}\n${log.slice(-3000)}`);
    }
  }
  const { sipPort, wsPort, evapiPort, tlsPort, wssPort, fullEnv } = started;
  return {
    sipPort,
    wsPort,
    tlsPort,
    wssPort,
    evapiPort,
    target: `127.0.0.1:${sipPort}`,
    sipSecret: fullEnv.SIP_AUTH_SECRET,
    evapiSecret: fullEnv.EVAPI_SECRET,
    wsOrigins: fullEnv.WS_ORIGINS.split(','),
    rtpengine,
    rpc: async (...args) => (await run('bash', [KAMAILIO_SH, 'rpc', ...args], { env: fullEnv })).stdout,
    log: () => readFileSync(join(stateDir, `kamailio-${sipPort}`, 'kamailio.log'), 'utf8'),
    async restart() {
      await run('bash', [KAMAILIO_SH, 'stop'], { env: fullEnv });
      await run('bash', [KAMAILIO_SH, 'start'], { env: fullEnv });
    },
    async stop() {
      await run('bash', [KAMAILIO_SH, 'stop'], { env: fullEnv });
      await rtpengine?.remove();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
