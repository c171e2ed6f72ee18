// Worker thread of the soak: the consoles on the realtime websocket, off the load generator's event loop.
// Each console counts what it receives, how long after publication (envelope `at`) it arrived, and any gap or
// repeat in a stream's sequence; the totals go back to the parent when it asks.
import { parentPort, workerData } from 'node:worker_threads';
import type { ServerMessage, Stream } from '@hcm112/shared';
import WebSocket from 'ws';

export interface ConsoleTotals {
  consoles: number;
  events: number;
  /** Events missing or repeated in a stream's sequence, over all consoles. */
  gaps: number;
  /** Sockets the server closed during the soak. */
  dropped: number;
  /** Count of events by arrival delay in whole milliseconds; the last bucket holds 10 s and more. */
  latencyMs: number[];
}

interface Setup {
  url: string;
  consoles: Array<{ token: string; streams: Stream[] }>;
}

const { url, consoles } = workerData as Setup;
const totals: ConsoleTotals = { consoles: consoles.length, events: 0, gaps: 0, dropped: 0, latencyMs: [] };
const latency = new Uint32Array(10_001);
const sockets: WebSocket[] = [];
let stopping = false;

function open(token: string, streams: Stream[]): Promise<void> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const last = new Map<string, number>();
  ws.on('message', (data) => {
    const now = Date.now();
    const msg = JSON.parse(data.toString()) as ServerMessage;
    if (msg.type === 'subscribed') for (const [s, head] of Object.entries(msg.heads)) last.set(s, head ?? 0);
    if (msg.type !== 'event') return;
    const { stream, seq, at } = msg.envelope;
    const previous = last.get(stream);
    if (previous !== undefined && seq !== previous + 1) totals.gaps += Math.abs(seq - previous - 1) || 1;
    last.set(stream, seq);
    totals.events += 1;
    latency[Math.min(10_000, Math.max(0, Math.round(now - Date.parse(at))))]! += 1;
  });
  ws.on('close', () => {
    if (!stopping) totals.dropped += 1;
  });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', streams }));
      resolve();
    });
  });
}

for (const c of consoles) await open(c.token, c.streams);
parentPort?.postMessage({ ready: true });
parentPort?.on('message', () => {
  stopping = true;
  for (const ws of sockets) ws.terminate();
  totals.latencyMs = Array.from(latency);
  parentPort?.postMessage({ totals });
});
