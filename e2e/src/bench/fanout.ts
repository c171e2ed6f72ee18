// Incident-create-to-event-received latency on 100 connected consoles (target p99 < 50 ms). The consoles run
// in a worker thread so that their own parsing does not sit on the server's event loop.
import { Worker } from 'node:worker_threads';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const CONSOLES = 100;
const INCIDENTS = 60;
/** The first incidents warm the JIT, the pool and PostgreSQL's plan cache; they are not counted. */
const WARMUP = 10;
const now = () => performance.timeOrigin + performance.now();

export async function benchFanout(): Promise<BenchRow[]> {
  const bdb = await createBenchDatabase({ city: true });
  const server = await startBenchServer(bdb);
  const token = await loginToken(server.url, 'dsp1', 'demo-dsp1-112');
  // The worker is TypeScript too: register tsx's loader inside it, then load the consoles module.
  const file = new URL('./fanout-consoles.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(file)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { url: server.url, token, consoles: CONSOLES } });
  const arrivals = new Map<string, number[]>();
  const onArrival = new Set<() => void>();
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: { ready?: true; number?: string; at?: number }) => {
        if (m.ready) resolve();
        if (m.number && m.at) {
          arrivals.set(m.number, [...(arrivals.get(m.number) ?? []), m.at]);
          for (const f of onArrival) f();
        }
      });
    });
    const latencies: number[] = [];
    for (let i = 0; i < INCIDENTS; i++) {
      const t0 = now();
      const res = await fetch(`${server.url}/api/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'other',
          subtype: 'other',
          location: { point: { lat: 10.7 + (i % 20) * 0.01, lon: 106.6 + i * 0.001 } },
        }),
      });
      const { incident } = (await res.json()) as { incident: { number: string } };
      await new Promise<void>((resolve) => {
        const check = () => {
          if ((arrivals.get(incident.number)?.length ?? 0) >= CONSOLES) done();
        };
        const timer = setTimeout(() => done(), 5000);
        const done = () => {
          clearTimeout(timer);
          onArrival.delete(check);
          resolve();
        };
        onArrival.add(check);
        check();
      });
      if (i >= WARMUP) latencies.push(...(arrivals.get(incident.number) ?? []).map((at) => at - t0));
    }
    const s = summarize(latencies);
    return [
      {
        area: 'realtime',
        name: `incident create -> event received, ${CONSOLES} consoles`,
        ...s,
        target: 'p99 < 50 ms',
        met: s.p99Ms < 50,
      },
      {
        area: 'realtime',
        name: 'events delivered of those expected',
        value: (latencies.length / (CONSOLES * (INCIDENTS - WARMUP))) * 100,
        unit: '%',
        samples: latencies.length,
        target: '100 %',
        met: latencies.length === CONSOLES * (INCIDENTS - WARMUP),
      },
    ];
  } finally {
    worker.postMessage('stop');
    await worker.terminate();
    await server.stop();
    await bdb.drop();
  }
}
