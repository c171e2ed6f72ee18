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
  const sipPort = await freePort();
  const wsPort = await freePort();
  const evapiPort = await freePort();
  const tlsPort = await freePort();
  const wssPort = await freePort();
  const rtpengine =
    options.media === false
      ? undefined
      : await startRtpengine(options.recordingDir ? { RECORDING_DIR: options.recordingDir } : {});
  const fullEnv = {
    ...process.env,
    SIP_PORT: String(sipPort),
    WS_PORT: String(wsPort),
    EVAPI_PORT: String(evapiPort),
    TLS_PORT: String(tlsPort),
    WSS_PORT: String(wssPort),
    E112_STATE_DIR: stateDir,
    KAMAILIO_SHM_MB: '64',
    SIP_AUTH_SECRET: newSipSecret(),
    EVAPI_SECRET: newSipSecret(),
    WS_ORIGINS: TEST_WS_ORIGIN,
    RTPENGINE_NG_PORT: String(rtpengine?.ngPort ?? (await freePort())),
    // Every test caller comes from 127.0.0.1, as a carrier trunk's would: the per-source limit and the queue cap
    // are tested by the files that set them.
    TRUSTED_TRUNKS: '127.0.0.1',
    MAX_QUEUED_CALLS: '100000',
    ...env,
  };
  try {
    await run('bash', [KAMAILIO_SH, 'start'], { env: fullEnv });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    await rtpengine?.remove();
    rmSync(stateDir, { recursive: true, force: true });
    throw new Error(`kamailio did not start: ${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
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
