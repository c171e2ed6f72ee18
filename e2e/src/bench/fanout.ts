// Incident-create-to-event-received latency on 100 connected consoles (target p99 < 50 ms).
import type { ServerMessage } from '@hcm112/shared';
import WebSocket from 'ws';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const CONSOLES = 100;
const INCIDENTS = 60;

export async function benchFanout(): Promise<BenchRow[]> {
  const bdb = await createBenchDatabase({ city: true });
  const server = await startBenchServer(bdb);
  const sockets: WebSocket[] = [];
  try {
    const token = await loginToken(server.url, 'dsp1', 'demo-dsp1-112');
    const waiting = new Map<string, { t0: number; got: number; done: () => void }>();
    const latencies: number[] = [];
    for (let i = 0; i < CONSOLES; i++) {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as ServerMessage;
        if (msg.type !== 'event' || msg.envelope.event.type !== 'incident.created') return;
        const w = waiting.get(msg.envelope.event.incident.number);
        if (!w) return;
        latencies.push(performance.now() - w.t0);
        if (++w.got === CONSOLES) w.done();
      });
      ws.send(JSON.stringify({ type: 'subscribe', streams: ['incidents'] }));
      sockets.push(ws);
    }
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < INCIDENTS; i++) {
      const t0 = performance.now();
      let number = '';
      const all = new Promise<void>((resolve) => {
        const res = fetch(`${server.url}/api/incidents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'other',
            subtype: 'other',
            location: { point: { lat: 10.7 + (i % 20) * 0.01, lon: 106.6 + i * 0.001 } },
          }),
        });
        // The number is known only from the response, so the expected event is registered by year and counter.
        number = `HCM-${new Date().getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`;
        waiting.set(number, { t0, got: 0, done: resolve });
        void res.then((r) => r.arrayBuffer());
      });
      await Promise.race([all, new Promise((r) => setTimeout(r, 5000))]);
      waiting.delete(number);
    }
    return [
      {
        area: 'realtime',
        name: `incident create -> event received, ${CONSOLES} consoles`,
        ...summarize(latencies),
        target: 'p99 < 50 ms',
        met: summarize(latencies).p99Ms < 50,
      },
      {
        area: 'realtime',
        name: 'events delivered of those expected',
        value: (latencies.length / (CONSOLES * INCIDENTS)) * 100,
        unit: '%',
        samples: latencies.length,
        target: '100 %',
        met: latencies.length === CONSOLES * INCIDENTS,
      },
    ];
  } finally {
    for (const ws of sockets) ws.terminate();
    await server.stop();
    await bdb.drop();
  }
}
