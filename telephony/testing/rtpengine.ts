// rtpengine for a test: the project's own start script (telephony/scripts/rtpengine.sh) on a free ng port and
// its own block of RTP ports (outside the kernel's ephemeral ports, see relay-ports.ts), so each test file has a
// private media relay it can stop and start again.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { pickRelayBlock } from './relay-ports.ts';

const run = promisify(execFile);
const RTPENGINE_SH = resolve(import.meta.dirname, '../scripts/rtpengine.sh');

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
  /** One ng command with string arguments, as Kamailio sends it (e.g. an offer's `sdp`): rtpengine's raw answer. */
  ng(command: string, args: Record<string, string>): Promise<string>;
  /** Stops it for good and removes its state folder. */
  remove(): Promise<void>;
}

/** Starts rtpengine on a free ng port and a random free block of RTP ports (relay-ports.ts). */
export async function startRtpengine(env: Record<string, string> = {}): Promise<Rtpengine> {
  const { min: portMin, max: portMax } = await pickRelayBlock();
  const ngPort = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), 'e112-rtp-'));
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
    ng: (command, args) => ngCommand(ngPort, command, args),
    async remove() {
      await relay.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  await relay.start();
  return relay;
}

/** ng commands sent by this process: rtpengine answers a cookie it has seen with its cached answer (taken for a
 * retransmission), so commands sent within one millisecond need cookies of their own. */
let ngSent = 0;

/** One ng command (bencoded dictionary over UDP, behind a cookie); resolves with rtpengine's raw answer. */
function ngCommand(port: number, command: string, args: Record<string, string>): Promise<string> {
  const str = (v: string) => `${Buffer.byteLength(v)}:${v}`;
  const entries = Object.entries({ command, ...args }).sort(([a], [b]) => (a < b ? -1 : 1));
  ngSent += 1;
  const cookie = `e112-${process.pid}-${Date.now()}-${ngSent}`;
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
