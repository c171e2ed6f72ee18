// A test relay's RTP ports (testing/relay-ports.ts). They were a block of exactly 400 (100 calls) inside the
// kernel's ephemeral ports: a socket the kernel numbered there (one of Kamailio's ng sockets, 22 of them)
// cost rtpengine a pair, so the 100th call of the recording and media benchmarks was refused ports ("Ran out of
// ports") and Kamailio sent it direct, past the relay and its recording. rtpengine.sh warns of that overlap.
import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../testing/free-port.ts';
import { ephemeralPorts, RELAY_BLOCK, relayBlocks } from '../testing/relay-ports.ts';
import { startRtpengine } from '../testing/rtpengine.ts';

const run = promisify(execFile);
const RTPENGINE_SH = resolve(import.meta.dirname, '../scripts/rtpengine.sh');
/** The benchmarks' concurrent calls. */
const CALLS = 100;
/** Sockets the kernel numbers itself: with the old block, one of them fell inside it all but surely. */
const KERNEL_NUMBERED = 500;

const open: Socket[] = [];
afterAll(() => {
  for (const s of open) s.close();
});

/** A UDP socket connected without a bind, as Kamailio's ng sockets are: the kernel picks its port. */
function kernelNumberedSocket(): Promise<void> {
  const socket = createSocket('udp4');
  open.push(socket);
  return new Promise((ok) => socket.connect(9, '127.0.0.1', () => ok()));
}

function sdp(port: number): string {
  return `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n`;
}

describe("a test relay's RTP ports", () => {
  it('lie below the ephemeral ports, away from test phones (20000 up) and the default relay (30000-31999)', () => {
    for (const ephemeral of [ephemeralPorts(), { min: 15_000, max: 60_999 }]) {
      const blocks = relayBlocks(ephemeral);
      expect(blocks.length).toBeGreaterThan(0);
      for (const b of blocks) {
        expect(b.max - b.min + 1).toBe(RELAY_BLOCK);
        expect(b.min).toBeGreaterThanOrEqual(10_000);
        expect(b.max).toBeLessThan(Math.min(ephemeral.min, 20_000));
      }
    }
  });

  it(`carry ${CALLS} plain calls, offered and answered, while ${KERNEL_NUMBERED} kernel-numbered sockets are open`, async () => {
    const relay = await startRtpengine();
    try {
      await Promise.all(Array.from({ length: KERNEL_NUMBERED }, kernelNumberedSocket));
      const refused: string[] = [];
      for (let call = 0; call < CALLS; call += 1) {
        const base = { 'call-id': `ports-${call}`, 'from-tag': 'caller' };
        const offer = await relay.ng('offer', { ...base, sdp: sdp(20_000 + 2 * call) });
        const answer = await relay.ng('answer', { ...base, 'to-tag': 'phone', sdp: sdp(22_000 + 2 * call) });
        for (const reply of [offer, answer]) {
          const port = Number(/m=audio (\d+)/.exec(reply)?.[1]);
          if (!(port >= relay.portMin && port <= relay.portMax))
            refused.push(`call ${call}: ${reply.slice(0, 160)}`);
        }
      }
      expect(refused).toEqual([]);
    } finally {
      await relay.remove();
    }
  });

  it('rtpengine.sh warns when the RTP ports it is given overlap the ephemeral ports', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'e112-rtp-warn-'));
    const { min } = ephemeralPorts();
    const env = {
      ...process.env,
      RTPENGINE_NG_PORT: String(await freePort()),
      RTP_PORT_MIN: String(min),
      RTP_PORT_MAX: String(min + 99),
      E112_STATE_DIR: stateDir,
    };
    try {
      const started = await run('bash', [RTPENGINE_SH, 'start'], { env });
      expect(started.stderr).toContain(`overlap the kernel's ephemeral ports ${min}-`);
      expect(started.stdout).toContain('rtpengine: started');
    } finally {
      await run('bash', [RTPENGINE_SH, 'stop'], { env });
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
