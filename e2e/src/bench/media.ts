// Media benchmark: 100 concurrent plain-RTP calls through rtpengine (SIPp callers and a SIPp desk phone of the
// fallback group, each side streaming a tone), measured from a loopback capture of what entered and left the
// relay: packet loss, and the jitter rtpengine adds (RFC 3550 interarrival jitter of the relay transit times).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureRtp, type RtpCapture, type RtpPacket, startKamailio } from '@hcm112/telephony/testing';
import { type BenchRow, summarize } from './table.ts';
import { startToneTraffic, TONE_TRAFFIC_KAMAILIO } from './tone-traffic.ts';

const CALLS = 100;
const RATE = 20;
const HOLD_MS = 20_000;
/** Seconds at each end of a stream left out: the call is set up or torn down around the first and last packets. */
const EDGE_S = { start: 0.5, end: 1 };

export async function benchMedia(): Promise<BenchRow[]> {
  const kamailio = await startKamailio(TONE_TRAFFIC_KAMAILIO);
  const dir = mkdtempSync(join(tmpdir(), 'e112-bench-media-'));
  try {
    const relay = kamailio.rtpengine;
    if (!relay) throw new Error('no media relay');
    let capture: RtpCapture | undefined;
    // No call control: every call rings the fallback group, one SIPp phone taking all of them at once.
    const traffic = await startToneTraffic(kamailio, dir, {
      calls: CALLS,
      rate: RATE,
      holdMs: HOLD_MS,
      beforeCalls: async () => {
        capture = await captureRtp(`udp and portrange ${relay.portMin}-${relay.portMax}`, { snaplen: 64 });
      },
    });
    const { callerMedia, phoneMedia } = traffic;
    const callersExit = await traffic.exited;
    await traffic.end();
    if (!capture) throw new Error('no capture');
    const packets = await capture.stop();
    const m = measure(
      packets,
      (port) => port >= relay.portMin && port <= relay.portMax,
      callerMedia,
      phoneMedia,
    );
    const lossPct = m.sent ? (100 * m.lost) / m.sent : Number.NaN;
    const dropped = capture.droppedByKernel();
    const conditions = `${CALLS} concurrent plain-RTP calls, both directions`;
    return [
      {
        area: 'media',
        name: `packet loss through rtpengine, ${conditions}${dropped ? ` (capture missed ${dropped})` : ''}`,
        value: lossPct,
        unit: '%',
        samples: m.sent,
        target: 'loss < 0.1 %',
        met: callersExit === 0 && dropped === 0 && lossPct < 0.1,
      },
      {
        area: 'media',
        name: `jitter added by rtpengine (RFC 3550 estimate of relay transit, every packet), ${conditions}`,
        ...summarize(m.jitterMs),
        target: 'p99 < 5 ms',
        met: summarize(m.jitterMs).p99Ms < 5,
      },
      { area: 'media', name: `relay transit time, ${conditions}`, ...summarize(m.transitMs) },
      {
        area: 'media',
        name: 'RTP streams relayed (SIPp callers exit 0: all calls answered)',
        value: m.streams,
        unit: `streams, SIPp exit ${callersExit}`,
        samples: m.streams,
      },
    ];
  } finally {
    await kamailio.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Measured {
  streams: number;
  sent: number;
  lost: number;
  jitterMs: number[];
  transitMs: number[];
}

/**
 * Pairs each packet that entered the relay with the one that left it (same sender, SSRC, sequence number and
 * timestamp: rtpengine forwards them unchanged when it does not transcode), away from each stream's edges.
 */
export function measure(
  packets: RtpPacket[],
  isRelayPort: (port: number) => boolean,
  callerMedia: number,
  phoneMedia: number,
): Measured {
  const entered = new Map<string, Map<string, number>>();
  const left = new Map<string, number>();
  for (const p of packets) {
    if (isRelayPort(p.dstPort) && !isRelayPort(p.srcPort)) {
      const stream = `${p.srcPort}/${p.ssrc}`;
      const seen = entered.get(stream) ?? new Map<string, number>();
      entered.set(stream, seen);
      const id = `${p.seq}/${p.timestamp}`;
      if (!seen.has(id)) seen.set(id, p.at);
    } else if (isRelayPort(p.srcPort)) {
      const sender = p.dstPort === phoneMedia ? callerMedia : phoneMedia;
      const key = `${sender}/${p.ssrc}/${p.seq}/${p.timestamp}`;
      if (!left.has(key)) left.set(key, p.at);
    }
  }
  const out: Measured = { streams: entered.size, sent: 0, lost: 0, jitterMs: [], transitMs: [] };
  for (const [stream, seen] of entered) {
    const times = [...seen.entries()].sort((a, b) => a[1] - b[1]);
    const first = times[0]?.[1] ?? 0;
    const last = times.at(-1)?.[1] ?? 0;
    let jitter = 0;
    let previous: number | undefined;
    for (const [id, at] of times) {
      if (at < first + EDGE_S.start || at > last - EDGE_S.end) continue;
      out.sent += 1;
      const leftAt = left.get(`${stream}/${id}`);
      if (leftAt === undefined) {
        out.lost += 1;
        continue;
      }
      const transit = (leftAt - at) * 1000;
      if (previous !== undefined) jitter += (Math.abs(transit - previous) - jitter) / 16;
      previous = transit;
      out.transitMs.push(transit);
      out.jitterMs.push(jitter);
    }
  }
  return out;
}
