// Worker thread for the fan-out benchmark: 100 consoles on the websocket, off the server's event loop, each
// reporting when an incident.created event reached it (wall clock in ms, comparable across threads).
import { parentPort, workerData } from 'node:worker_threads';
import type { ServerMessage } from '@hcm112/shared';
import WebSocket from 'ws';

const { url, token, consoles } = workerData as { url: string; token: string; consoles: number };
const sockets: WebSocket[] = [];
for (let i = 0; i < consoles; i++) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.on('message', (data) => {
    const at = performance.timeOrigin + performance.now();
    const msg = JSON.parse(data.toString()) as ServerMessage;
    if (msg.type === 'event' && msg.envelope.event.type === 'incident.created') {
      parentPort?.postMessage({ number: msg.envelope.event.incident.number, at });
    }
  });
  ws.send(JSON.stringify({ type: 'subscribe', streams: ['incidents'] }));
  sockets.push(ws);
}
parentPort?.postMessage({ ready: true });
parentPort?.on('message', () => {
  for (const ws of sockets) ws.terminate();
  process.exit(0);
});
