// A loopback capture of RTP (tcpdump, kernel timestamps) read back as packets: what each side of a relayed call
// really received, and when, for the media tests and the media benchmark.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RtpPacket {
  /** Capture time in seconds (microsecond resolution). */
  at: number;
  srcPort: number;
  dstPort: number;
  payloadType: number;
  seq: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

export interface RtpCapture {
  /** Ends the capture and returns the RTP packets seen, in capture order. */
  stop(): Promise<RtpPacket[]>;
  /** After stop: packets the kernel dropped before tcpdump read them (missing from the capture, not lost). */
  droppedByKernel(): number;
}

const running = new Set<ChildProcess>();
// A test that fails before stopping its capture must not leave tcpdump running after the test process.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts capturing UDP on lo that matches the tcpdump `filter` (e.g. `udp portrange 40000-40399`); `snaplen`
 * keeps only the first bytes of each packet (64 hold the RTP header) where payloads do not matter.
 */
export async function captureRtp(filter: string, options: { snaplen?: number } = {}): Promise<RtpCapture> {
  const dir = mkdtempSync(join(tmpdir(), 'e112-cap-'));
  const file = join(dir, 'rtp.pcap');
  const snaplen = options.snaplen ? ['-s', String(options.snaplen)] : [];
  const child: ChildProcess = spawn(
    'tcpdump',
    ['-i', 'lo', '-n', '-U', '-B', '16384', ...snaplen, '-w', file, filter],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  let err = '';
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      running.delete(child);
      done();
    }),
  );
  await new Promise<void>((ok, fail) => {
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('listening on')) ok();
    });
    child.once('exit', (code) => fail(new Error(`tcpdump exited ${code}: ${err.trim()}`)));
  });
  return {
    async stop() {
      child.kill('SIGINT');
      await exited;
      const packets = parsePcap(readFileSync(file));
      rmSync(dir, { recursive: true, force: true });
      return packets;
    },
    droppedByKernel: () => Number(/(\d+) packets dropped by kernel/.exec(err)?.[1] ?? 0),
  };
}

/** Reads a pcap file of Ethernet-framed (lo) IPv4 UDP packets carrying RTP. */
export function parsePcap(buf: Buffer): RtpPacket[] {
  const packets: RtpPacket[] = [];
  const linkHeader = buf.readUInt32LE(20) === 1 ? 14 : 16; // Ethernet, else Linux cooked capture
  let off = 24;
  while (off + 16 <= buf.length) {
    const at = buf.readUInt32LE(off) + buf.readUInt32LE(off + 4) / 1e6;
    const len = buf.readUInt32LE(off + 8);
    const frame = buf.subarray(off + 16, off + 16 + len);
    off += 16 + len;
    const ip = frame.subarray(linkHeader);
    if (ip.length < 20 || ip.readUInt8(0) >> 4 !== 4 || ip.readUInt8(9) !== 17) continue;
    const udp = ip.subarray((ip.readUInt8(0) & 0x0f) * 4);
    const rtp = udp.subarray(8);
    if (rtp.length < 12 || rtp.readUInt8(0) >> 6 !== 2) continue;
    const csrcBytes = (rtp.readUInt8(0) & 0x0f) * 4;
    packets.push({
      at,
      srcPort: udp.readUInt16BE(0),
      dstPort: udp.readUInt16BE(2),
      payloadType: rtp.readUInt8(1) & 0x7f,
      seq: rtp.readUInt16BE(2),
      timestamp: rtp.readUInt32BE(4),
      ssrc: rtp.readUInt32BE(8),
      payload: rtp.subarray(12 + csrcBytes),
    });
  }
  return packets;
}
