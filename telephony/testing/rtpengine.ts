// rtpengine for a test: the project's own start script (telephony/scripts/rtpengine.sh) on a free ng port and
// its own block of RTP ports, so each test file has a private media relay it can stop and start again.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);
const RTPENGINE_SH = resolve(import.meta.dirname, '../scripts/rtpengine.sh');
/** RTP ports per test relay: 4 per plain call, so 100 calls fit. */
const BLOCK = 400;

export interface Rtpengine {
  ngPort: number;
  /** The UDP ports rtpengine relays media on (inclusive). */
  portMin: number;
  portMax: number;
  /** Where it writes each call's pcap (`pcaps/`) and metadata (`metadata/`): RECORDING_DIR. */
  recordingDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
  /** Whether rtpengine still relays the call with this SIP Call-ID (asked over its ng control protocol). */
  holds(sipCallId: string): Promise<boolean>;
  /** Stops it for good and removes its state folder. */
  remove(): Promise<void>;
}

/** Starts rtpengine on a free ng port and a random block of RTP ports (it skips a port already in use). */
export async function startRtpengine(env: Record<string, string> = {}): Promise<Rtpengine> {
  const stateDir = mkdtempSync(join(tmpdir(), 'e112-rtp-'));
  const ngPort = await freePort();
  const portMin = 40_000 + Math.floor(Math.random() * 40) * 500;
  const portMax = portMin + BLOCK - 1;
  const fullEnv = {
    ...process.env,
    RTPENGINE_NG_PORT: String(ngPort),
    RTP_PORT_MIN: String(portMin),
    RTP_PORT_MAX: String(portMax),
    E112_STATE_DIR: stateDir,
    ...env,
  };
  const relay: Rtpengine = {
    ngPort,
    portMin,
    portMax,
    recordingDir: env.RECORDING_DIR ?? join(stateDir, `rtpengine-${ngPort}`, 'recordings'),
    start: async () => {
      await run('bash', [RTPENGINE_SH, 'start'], { env: fullEnv });
    },
    stop: async () => {
      await run('bash', [RTPENGINE_SH, 'stop'], { env: fullEnv });
    },
    log: () => readFileSync(join(stateDir, `rtpengine-${ngPort}`, 'rtpengine.log'), 'utf8'),
    holds: async (sipCallId) => /result2:ok/.test(await ngCommand(ngPort, 'query', { 'call-id': sipCallId })),
    async remove() {
      await relay.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  await relay.start();
  return relay;
}

/** One ng command (bencoded dictionary over UDP, behind a cookie); resolves with rtpengine's raw answer. */
function ngCommand(port: number, command: string, args: Record<string, string>): Promise<string> {
  const str = (v: string) => `${Buffer.byteLength(v)}:${v}`;
  const entries = Object.entries({ command, ...args }).sort(([a], [b]) => (a < b ? -1 : 1));
  const cookie = `e112-${process.pid}-${Date.now()}`;
  const message = `${cookie} d${entries.map(([k, v]) => str(k) + str(v)).join('')}e`;
  const socket = createSocket('udp4');
  return new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => {
      socket.close();
      fail(new Error(`rtpengine did not answer ${command} on ${port}`));
    }, 2000);
    socket.on('message', (reply) => {
      if (!reply.toString().startsWith(cookie)) return;
      clearTimeout(timer);
      socket.close();
      ok(reply.toString());
    });
    socket.send(message, port, '127.0.0.1');
  });
}
