// `npm run camera-sources -w server -- [--demo | options]`: real test cameras for the demo and the tests. RTSP streams
// (ffmpeg test pattern published to the RTSP relay), and optionally HLS, MJPEG and snapshot cameras over HTTP.
// Prints one line `ready <json of name -> URL per kind>` once every stream answers; SIGTERM stops it all.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeRtsp } from '../../src/cameras/probe.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_SOURCE_NAMES, DEMO_SOURCE_PORTS } from '../../src/seed/demo-cameras.ts';
import { httpCameraUrls, startHttpCameras } from './http-cameras.ts';
import { startRtspRelay } from './relay.ts';
import { h264Output, patternInput, QUIET, Supervisor } from './test-pattern.ts';

const { values } = parseArgs({
  options: {
    'rtsp-port': { type: 'string', default: '8554' },
    'publish-port': { type: 'string', default: '8553' },
    'rtp-port': { type: 'string', default: '20000' },
    'http-port': { type: 'string', default: '8556' },
    rtsp: { type: 'string', default: '' },
    hls: { type: 'string', default: '' },
    mjpeg: { type: 'string', default: '' },
    snapshot: { type: 'string', default: '' },
    size: { type: 'string', default: '640x360' },
    dir: { type: 'string' },
    /** The demo's sources on the demo's ports, as the seeded cameras expect them. */
    demo: { type: 'boolean', default: false },
  },
});
if (values.demo) {
  Object.assign(values, {
    'rtsp-port': String(DEMO_SOURCE_PORTS.rtsp),
    'publish-port': String(DEMO_SOURCE_PORTS.publish),
    'rtp-port': String(DEMO_SOURCE_PORTS.rtp),
    'http-port': String(DEMO_SOURCE_PORTS.http),
    rtsp: DEMO_SOURCE_NAMES.rtsp.join(','),
    hls: DEMO_SOURCE_NAMES.hls.join(','),
    mjpeg: DEMO_SOURCE_NAMES.mjpeg.join(','),
    snapshot: DEMO_SOURCE_NAMES.snapshot.join(','),
  });
}

function names(list: string): string[] {
  const out = list.split(',').filter(Boolean);
  const bad = out.find((n) => !/^[a-z0-9-]{1,40}$/.test(n));
  if (bad) throw new Error(`camera source name ${bad}: use lower-case letters, digits and dashes`);
  return out;
}
const say = (line: string) => process.stdout.write(`${line}\n`);
// Whoever started us may stop reading before we finish cleaning up: a closed pipe must not cut the cleanup.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

async function waitForRtsp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await describeRtsp(url, 1000).catch(() => null)) === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not start publishing in 20 s`);
}

async function waitForFile(path: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (existsSync(path)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${path} was not written in 20 s`);
}

const config = loadConfig();
const sup = new Supervisor(config.FFMPEG_PATH, (line) => say(`camera-sources: ${line}`));
const dir = values.dir ?? join(tmpdir(), `e112-camera-sources-${process.pid}`);
mkdirSync(dir, { recursive: true });
const ports = {
  rtsp: Number(values['rtsp-port']),
  publish: Number(values['publish-port']),
  rtp: Number(values['rtp-port']),
  http: Number(values['http-port']),
};
const rtspNames = names(values.rtsp);
const http = { hls: names(values.hls), mjpeg: names(values.mjpeg), snapshot: names(values.snapshot) };

let stopping: Promise<void> | undefined;
function stop(): Promise<void> {
  stopping ??= (async () => {
    await sup.stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  })();
  return stopping;
}
// `on`, not `once`: a group kill and tsx's relay deliver the signal twice, and the second must not cut the
// cleanup short.
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

try {
  const rtsp: Record<string, string> = {};
  if (rtspNames.length > 0) {
    // Two UDP ports per stream and per player: room for the streams and a few hundred players.
    await startRtspRelay({
      clientPort: ports.rtsp,
      publishPort: ports.publish,
      rtpPortStart: ports.rtp,
      rtpPortCount: 1000,
    });
    for (const name of rtspNames) {
      sup.run(`rtsp-${name}`, [
        ...QUIET,
        ...patternInput({ label: name, size: values.size }),
        ...h264Output(),
        '-f',
        'rtsp',
        `rtsp://127.0.0.1:${ports.publish}/${name}`,
      ]);
      rtsp[name] = `rtsp://127.0.0.1:${ports.rtsp}/${name}`;
    }
    await Promise.all(Object.values(rtsp).map(waitForRtsp));
  }
  if (http.hls.length + http.mjpeg.length + http.snapshot.length > 0)
    await startHttpCameras(sup, { port: ports.http, size: values.size, dir, ...http });
  await Promise.all([
    ...http.hls.map((n) => waitForFile(join(dir, 'hls', n, 'index.m3u8'))),
    ...http.snapshot.map((n) => waitForFile(join(dir, 'snapshot', `${n}.jpg`))),
  ]);
  say(`ready ${JSON.stringify({ rtsp, ...httpCameraUrls({ port: ports.http, ...http }) })}`);
} catch (err) {
  process.stderr.write(`camera sources failed: ${err instanceof Error ? err.message : String(err)}\n`);
  await sup.stop();
  process.exit(1);
}
