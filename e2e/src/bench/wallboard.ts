// Wall display: GET /api/wallboard/tv (every figure of TV mode, read by each wall screen every 2 s), p50/p99, on
// the demo city with a busy day behind it: 3,000 calls today spread over the hours, 20 waiting across 112-115.
import { insertCall } from '@hcm112/server/calls/repository';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const CALLS_TODAY = 3000;
const WAITING = 20;
const READS = 200;
/** The first reads warm the JIT, the pool and PostgreSQL's plan cache; they are not counted. */
const WARMUP = 20;
const SERVICES = ['112', '113', '114', '115'] as const;
const now = () => performance.timeOrigin + performance.now();

export async function benchWallboard(): Promise<BenchRow[]> {
  const bdb = await createBenchDatabase({ city: true });
  const server = await startBenchServer(bdb);
  try {
    const dayStart = Date.now() - ((Date.now() + 7 * 3600_000) % 86_400_000);
    const span = Math.max(60_000, Date.now() - dayStart - 60_000);
    for (let i = 0; i < CALLS_TODAY + WAITING; i++) {
      const waiting = i >= CALLS_TODAY;
      await insertCall(bdb.db, {
        sipCallId: `bench-wall-${i}@bench`,
        callerNumber: `+8490${String(i).padStart(7, '0')}`,
        callerIdentity: 'untrusted',
        callerPrivacy: false,
        dialedNumber: SERVICES[i % 4]!,
        service: SERVICES[i % 4]!,
        state: waiting ? 'queued' : i % 10 === 0 ? 'abandoned' : 'ended',
        arrivedAt: new Date(
          waiting ? Date.now() - (WAITING - (i - CALLS_TODAY)) * 1000 : dayStart + (i / CALLS_TODAY) * span,
        ),
        location: null,
        locationRaw: null,
      });
    }
    const token = await loginToken(server.url, 'sup1', 'demo-sup1-112');
    const durations: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t0 = now();
      const res = await fetch(`${server.url}/api/wallboard/tv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`read ${i}: ${res.status}`);
      await res.json();
      if (i >= WARMUP) durations.push(now() - t0);
    }
    return [
      {
        area: 'wallboard',
        name: `GET /wallboard/tv (TV mode, every 2 s per screen), ${CALLS_TODAY} calls today, ${WAITING} waiting`,
        ...summarize(durations),
      },
    ];
  } finally {
    await server.stop();
    await bdb.drop();
  }
}
