// Caller location benchmarks. INVITE to recorded when each INVITE carries a 13 KB PIDF-LO polygon (a cell's
// coverage as an operator's location server writes it) at 100 calls/s, through real Kamailio, call control and the
// server; and a handset's AML message from its HTTPS post to the call-taker's console (the call.updated event on
// the console's websocket).
import { createHmac } from 'node:crypto';
import type { ServerMessage } from '@hcm112/shared';
import { insertCall } from '@hcm112/server/calls/repository';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';
import { hopRows, takeHopTrace } from './telephony-hops.ts';
import { offerCalls, startTelephonyBench, stopTelephonyBench, warmUp } from './telephony.ts';

const RATE = 100;
const SECONDS = 10;

/** A polygon of `vertices` corners around a cell site in District 1, as one GML posList. */
function cellPolygon(vertices: number): string {
  const corners: string[] = [];
  for (let i = 0; i < vertices; i++) {
    const a = (2 * Math.PI * i) / vertices;
    // A lobed outline, as coverage predictions are: never a plain circle.
    const r = 0.006 * (1 + 0.25 * Math.sin(5 * a));
    corners.push(`${(10.7769 + r * Math.cos(a)).toFixed(6)} ${(106.7009 + r * Math.sin(a)).toFixed(6)}`);
  }
  corners.push(corners[0] as string);
  return `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::4326"><gml:exterior><gml:LinearRing><gml:posList>${corners.join(' ')}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`;
}

/** The PIDF-LO document around the polygon (bench-caller-with-location.xml) is ~650 bytes: 13 KB in all. */
const POLYGON = cellPolygon(590);

export async function benchPolygonIntake(): Promise<BenchRow[]> {
  const env = await startTelephonyBench();
  try {
    const load = { scenario: 'bench-caller-with-location.xml', keys: { location: POLYGON } };
    await warmUp(env, load);
    await takeHopTrace(env.server.ctx.redis, env.server.ctx.config.REDIS_PREFIX);
    const phase = await offerCalls(env, RATE, RATE * SECONDS, 1000, load);
    const located = Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM calls
          WHERE caller_number LIKE ${`${phase.prefix}%`} AND location_detail->'shape'->>'kind' = 'polygon'`.execute(
          env.bdb.db,
        )
      ).rows[0]?.n ?? 0,
    );
    const s = summarize(phase.latenciesMs);
    const complete = phase.failed === 0 && phase.recorded === phase.offered && located === phase.offered;
    const trace = await takeHopTrace(env.server.ctx.redis, env.server.ctx.config.REDIS_PREFIX);
    const hops = hopRows(
      phase.callIds.flatMap((id) => trace.get(id) ?? []),
      `polygon calls, ${RATE} calls/s`,
      'location',
    );
    return [
      {
        area: 'location',
        name: `INVITE with a ${(POLYGON.length / 1024 + 0.65).toFixed(1)} KB PIDF-LO polygon to call recorded, ${RATE} calls/s (${phase.recorded}/${phase.offered} recorded, ${located} with their polygon, ${phase.failed} failed)`,
        ...s,
        target: 'p99 < 20 ms, every call recorded with its polygon',
        met: complete && s.p99Ms < 20,
      },
      ...hops,
    ];
  } finally {
    await stopTelephonyBench(env);
  }
}

const AML_SECRET = 'aml-secret-of-the-benchmark-sender-0123456789';
const AML_CALLS = 20;
const AML_MESSAGES = 300;
const AML_WARMUP = 20;
/** Posts per second: handsets send one message per emergency call, a few per second across a city is a lot. */
const AML_RATE = 20;
const now = () => performance.timeOrigin + performance.now();

function amlBody(number: string, i: number): string {
  return JSON.stringify({
    v: '3',
    emergency_number: '112',
    device_number: number,
    // A latitude of its own per message: the event that carries it is this message's.
    location_latitude: (10.7 + i * 1e-5).toFixed(5),
    location_longitude: '106.7012',
    location_accuracy: '15',
    location_time: String(Date.now()),
    location_source: 'gps',
    device_imei: '356938035643809',
  });
}

export async function benchAmlToConsole(): Promise<BenchRow[]> {
  const bdb = await createBenchDatabase({ city: true });
  const server = await startBenchServer(bdb, { AML_SENDERS: `carrier-a:${AML_SECRET}` });
  const numbers: string[] = [];
  for (let i = 0; i < AML_CALLS; i++) {
    const number = `+8490555${String(i).padStart(4, '0')}`;
    await insertCall(bdb.db, {
      sipCallId: `aml-bench-${i}@bench`,
      callerNumber: number,
      callerIdentity: 'network-asserted',
      callerPrivacy: false,
      dialedNumber: '112',
      service: '112',
      state: 'answered',
      arrivedAt: new Date(),
      location: null,
      locationRaw: null,
    });
    numbers.push(number);
  }
  const token = await loginToken(server.url, 'ct1', 'demo-ct1-112');
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const seen = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  try {
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.on('message', (data) => {
      const at = now();
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if (msg.type !== 'event' || msg.envelope.event.type !== 'call.updated') return;
      const location = msg.envelope.event.call.location;
      if (location?.source !== 'aml') return;
      const key = location.point.lat.toFixed(5);
      if (!seen.has(key)) seen.set(key, at);
      waiting.get(key)?.();
    });
    ws.send(JSON.stringify({ type: 'subscribe', streams: ['calls'] }));
    await new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        if ((JSON.parse(d.toString()) as ServerMessage).type === 'subscribed') resolve();
      }),
    );
    const latencies: number[] = [];
    let lost = 0;
    for (let i = 0; i < AML_MESSAGES; i++) {
      const started = now();
      const body = amlBody(numbers[i % AML_CALLS] as string, i);
      const key = (10.7 + i * 1e-5).toFixed(5);
      const arrived = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5000);
        waiting.set(key, () => {
          clearTimeout(timer);
          resolve(true);
        });
        if (seen.has(key)) waiting.get(key)?.();
      });
      const res = await fetch(`${server.url}/api/aml`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-aml-sender': 'carrier-a',
          'x-aml-signature': `sha256=${createHmac('sha256', AML_SECRET).update(body).digest('hex')}`,
        },
        body,
      });
      const answer = await res.text();
      // 202 is any kept message; only a joined one reaches the console.
      if (res.status !== 202 || !answer.includes('"outcome":"joined"'))
        throw new Error(`AML post answered ${res.status}: ${answer}`);
      const ok = await arrived;
      waiting.delete(key);
      if (i >= AML_WARMUP) {
        if (ok) latencies.push((seen.get(key) as number) - started);
        else lost += 1;
      }
      const next = started + 1000 / AML_RATE - now();
      if (next > 0) await new Promise((r) => setTimeout(r, next));
    }
    const s = summarize(latencies);
    return [
      {
        area: 'location',
        name: `AML message post to the call-taker's websocket, ${AML_RATE} messages/s over ${AML_CALLS} live calls (${latencies.length}/${AML_MESSAGES - AML_WARMUP} received)`,
        ...s,
        target: 'p99 < 500 ms, every message received',
        met: lost === 0 && s.p99Ms < 500,
      },
    ];
  } finally {
    ws.terminate();
    await server.stop();
    await bdb.drop();
  }
}
