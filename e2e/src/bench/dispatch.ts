// Assignments per second when 10 dispatchers compete for the same 20 units (every attempt is answered
// 200 or 409; a winner frees its unit again so the contest goes on).
import type { Incident, Unit } from '@hcm112/shared';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const DISPATCHERS = 10;
const DURATION_MS = 15_000;

export async function benchAssignments(): Promise<BenchRow[]> {
  const bdb = await createBenchDatabase({ city: true });
  const server = await startBenchServer(bdb);
  try {
    const tokens = await Promise.all([
      loginToken(server.url, 'dsp1', 'demo-dsp1-112'),
      loginToken(server.url, 'dsp2', 'demo-dsp2-112'),
    ]);
    const call = (path: string, token: string, body?: unknown) =>
      fetch(`${server.url}/api${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
    const units = ((await (await call('/units', tokens[0]!)).json()) as { units: Unit[] }).units
      .filter((u) => u.kind === 'police-patrol')
      .slice(0, 20);
    const incidents: Incident[] = [];
    for (let i = 0; i < DISPATCHERS; i++) {
      const res = await call('/incidents', tokens[0]!, {
        type: 'crime',
        subtype: 'theft',
        location: { point: { lat: 10.7 + i * 0.01, lon: 106.65 } },
      });
      incidents.push(((await res.json()) as { incident: Incident }).incident);
    }
    const latencies: number[] = [];
    let won = 0;
    let refused = 0;
    let other = 0;
    const end = Date.now() + DURATION_MS;
    await Promise.all(
      incidents.map(async (incident, d) => {
        const token = tokens[d % tokens.length]!;
        let k = d;
        while (Date.now() < end) {
          k = (k * 7 + 3) % units.length;
          const unit = units[k]!;
          const t0 = performance.now();
          const res = await call(`/incidents/${incident.id}/assignments`, token, { unitIds: [unit.id] });
          latencies.push(performance.now() - t0);
          await res.arrayBuffer();
          if (res.status === 200) {
            won++;
            await (await call(`/units/${unit.id}/status`, token, { status: 'available' })).arrayBuffer();
          } else if (res.status === 409) refused++;
          else other++;
        }
      }),
    );
    const seconds = DURATION_MS / 1000;
    return [
      {
        area: 'dispatch',
        name: `assignment attempts, ${DISPATCHERS} dispatchers on 20 units`,
        ...summarize(latencies),
        throughput: (won + refused) / seconds,
      },
      {
        area: 'dispatch',
        name: 'assignments won (each followed by a release)',
        throughput: won / seconds,
        samples: won,
      },
      {
        area: 'dispatch',
        name: 'attempts answered other than 200/409',
        value: other,
        unit: 'requests',
        samples: won + refused + other,
        target: '0',
        met: other === 0,
      },
    ];
  } finally {
    await server.stop();
    await bdb.drop();
  }
}
