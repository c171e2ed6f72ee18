// Child process of the crew benchmark: a fleet of crews' devices, each on /ws/device with its credential and
// posting a position every REPORT_SECONDS (staggered), like phones on duty. Its CPU is its own, not the server's.
import { DEVICE_SOCKET_PROTOCOL } from '@hcm112/shared';
import WebSocket from 'ws';

interface Fleet {
  url: string;
  reportSeconds: number;
  devices: Array<{ credential: string; lat: number; lon: number }>;
}

const fleet = JSON.parse(process.env.CREW_FLEET ?? '{}') as Fleet;
const sockets: WebSocket[] = [];
let sent = 0;
let failed = 0;
let seq = 0;

for (const d of fleet.devices) {
  const ws = new WebSocket(`${fleet.url.replace('http', 'ws')}/ws/device`, [
    DEVICE_SOCKET_PROTOCOL,
    d.credential,
  ]);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.on('message', () => {});
  sockets.push(ws);
}

function report(d: Fleet['devices'][number]): void {
  d.lat += 0.00005;
  seq += 1;
  fetch(`${fleet.url}/api/device/positions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-credential': d.credential },
    body: JSON.stringify({
      key: `bench${process.pid}x${seq}`,
      at: new Date().toISOString(),
      lat: d.lat,
      lon: d.lon,
    }),
  }).then(
    (res) => {
      if (res.ok) sent += 1;
      else failed += 1;
      return res.arrayBuffer();
    },
    () => {
      failed += 1;
    },
  );
}

const periodMs = fleet.reportSeconds * 1000;
fleet.devices.forEach((d, i) => {
  setTimeout(
    () => {
      report(d);
      setInterval(() => report(d), periodMs);
    },
    (i / fleet.devices.length) * periodMs,
  );
});

process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ sent, failed })}\n`);
  for (const ws of sockets) ws.terminate();
  process.exit(0);
});
