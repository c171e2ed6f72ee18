// Test cameras that already speak HTTP: an HLS playlist, an MJPEG stream and a snapshot image, each made by
// ffmpeg from the test pattern and served on loopback.
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { h264Output, patternInput, QUIET, type Supervisor } from './test-pattern.ts';

export interface HttpCameraOptions {
  port: number;
  /** Picture size, e.g. 640x360. */
  size: string;
  /** Where the HLS segments and snapshots are written. */
  dir: string;
  hls: string[];
  mjpeg: string[];
  snapshot: string[];
}

const NAME = /^[a-z0-9-]{1,40}$/;
const HLS_FILE = /^(index\.m3u8|seg\d{5}\.ts)$/;
const TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  jpg: 'image/jpeg',
};

function sendFile(res: ServerResponse, path: string): void {
  if (!existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.split('.').pop()!] ?? 'application/octet-stream' });
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

function startWriters(sup: Supervisor, o: HttpCameraOptions): void {
  for (const name of o.hls) {
    const dir = join(o.dir, 'hls', name);
    mkdirSync(dir, { recursive: true });
    sup.run(`hls-${name}`, [
      ...QUIET,
      ...patternInput({ label: name, size: o.size }),
      ...h264Output(),
      '-f',
      'hls',
      '-hls_time',
      '1',
      '-hls_list_size',
      '6',
      '-hls_flags',
      'delete_segments+omit_endlist',
      '-hls_segment_filename',
      join(dir, 'seg%05d.ts'),
      join(dir, 'index.m3u8'),
    ]);
  }
  mkdirSync(join(o.dir, 'snapshot'), { recursive: true });
  for (const name of o.snapshot) {
    // atomic_writing: a viewer never reads a half-written picture.
    sup.run(`snapshot-${name}`, [
      ...QUIET,
      ...patternInput({ label: name, size: o.size, rate: 2 }),
      '-r',
      '1',
      '-q:v',
      '5',
      '-f',
      'image2',
      '-update',
      '1',
      '-atomic_writing',
      '1',
      join(o.dir, 'snapshot', `${name}.jpg`),
    ]);
  }
}

/** One ffmpeg per viewer: MJPEG has no segments to share, and a viewer leaving ends its encoder. */
function serveMjpeg(sup: Supervisor, o: HttpCameraOptions, name: string, res: ServerResponse): void {
  const child = sup.once([
    ...QUIET,
    ...patternInput({ label: name, size: o.size, rate: 5 }),
    '-q:v',
    '6',
    '-f',
    'mpjpeg',
    'pipe:1',
  ]);
  res.writeHead(200, {
    'content-type': 'multipart/x-mixed-replace;boundary=ffmpeg',
    'cache-control': 'no-store',
  });
  child.stdout?.pipe(res);
  child.once('exit', () => res.end());
  res.once('close', () => child.kill('SIGTERM'));
}

export async function startHttpCameras(sup: Supervisor, o: HttpCameraOptions): Promise<Server> {
  startWriters(sup, o);
  const server = createServer((req, res) => {
    const [, kind, name = '', file = ''] = (req.url ?? '').split('?')[0]!.split('/');
    const base = name.replace(/\.jpg$/, '');
    if (kind === 'hls' && o.hls.includes(name) && HLS_FILE.test(file))
      return sendFile(res, join(o.dir, 'hls', name, file));
    if (kind === 'snapshot' && NAME.test(base) && o.snapshot.includes(base))
      return sendFile(res, join(o.dir, 'snapshot', `${base}.jpg`));
    if (kind === 'mjpeg' && o.mjpeg.includes(name)) return serveMjpeg(sup, o, name, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', resolve);
  });
  return server;
}

export function httpCameraUrls(o: Pick<HttpCameraOptions, 'port' | 'hls' | 'mjpeg' | 'snapshot'>) {
  const base = `http://127.0.0.1:${o.port}`;
  return {
    hls: Object.fromEntries(o.hls.map((n) => [n, `${base}/hls/${n}/index.m3u8`])),
    mjpeg: Object.fromEntries(o.mjpeg.map((n) => [n, `${base}/mjpeg/${n}`])),
    snapshot: Object.fromEntries(o.snapshot.map((n) => [n, `${base}/snapshot/${n}.jpg`])),
  };
}
