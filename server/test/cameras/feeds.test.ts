import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Camera, CameraFeed, Incident } from '@hcm112/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { loadConfig } from '../../src/config.ts';
import type { RunningServer } from '../../src/server.ts';
import { freePort } from '@hcm112/telephony/testing';
import { type CameraSources, startCameraSources } from '../../testing/camera-sources.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { type Client, login, makeUser, startTestServer } from '../support/server.ts';

let tdb: TestDatabase;
let server: RunningServer;
let sources: CameraSources;
let hlsDir: string;
let scratch: string;
let adm: Client;
let dsp: Client;
let ct: Client;
beforeAll(async () => {
  sources = await startCameraSources({
    rtsp: ['street'],
    hls: ['bridge'],
    mjpeg: ['market'],
    snapshot: ['gate'],
  });
  tdb = await createTestDatabase();
  hlsDir = mkdtempSync(join(tmpdir(), 'e112-hls-test-'));
  scratch = mkdtempSync(join(tmpdir(), 'e112-feed-test-'));
  server = await startTestServer(tdb, {
    HLS_DIR: hlsDir,
    RESTREAM_IDLE_SECONDS: '2',
    RESTREAM_MAX: '2',
    CAMERA_HEALTH_INTERVAL_SECONDS: '0',
  });
  [adm, dsp, ct] = await Promise.all([
    login(server.url, await makeUser(tdb.db, 'admin')),
    login(server.url, await makeUser(tdb.db, 'dispatcher')),
    login(server.url, await makeUser(tdb.db, 'call-taker')),
  ]);
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await sources?.stop();
  await tdb?.drop();
  rmSync(hlsDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

let counter = 0;
async function addCamera(streamKind: string, streamUrl: string): Promise<Camera> {
  counter += 1;
  const res = await adm.fetch('/api/cameras', {
    method: 'POST',
    json: {
      code: `FEED-${counter}`,
      name: `Feed ${counter}`,
      point: { lat: 10.7725, lon: 106.698 },
      bearingDeg: 0,
      fovDeg: 90,
      rangeM: 150,
      layer: 'mid',
      owner: 'transport',
      streamKind,
      streamUrl,
    },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { camera: Camera }).camera;
}

async function openFeed(camera: Camera, query = ''): Promise<Response> {
  return dsp.fetch(`/api/cameras/${camera.id}/feed${query}`);
}

/** PIDs of ffmpeg processes restreaming this camera (their command line names its HLS folder). */
function restreamPids(camera: Camera): number[] {
  const mark = `/${camera.id}/`;
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.startsWith(loadConfig().FFMPEG_PATH) && cmd.includes(hlsDir) && cmd.includes(mark);
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  seconds = 30,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Fetches the playlist and its newest segment, and asks ffprobe what the segment holds. */
async function playSegment(client: Client, playlistUrl: string): Promise<string> {
  const playlist = await client.fetch(playlistUrl);
  expect(playlist.status).toBe(200);
  expect(playlist.headers.get('content-type')).toContain('mpegurl');
  const segments = (await playlist.text()).split('\n').filter((l) => l.endsWith('.ts'));
  expect(segments.length).toBeGreaterThan(0);
  const segUrl = playlistUrl.replace('index.m3u8', segments.at(-1)!);
  const seg = await client.fetch(segUrl);
  expect(seg.status).toBe(200);
  const file = join(scratch, `seg-${Date.now()}.ts`);
  writeFileSync(file, Buffer.from(await seg.arrayBuffer()));
  const probe = [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,width',
    '-of',
    'csv=p=0',
  ];
  const lines = execFileSync('ffprobe', [...probe, file], { encoding: 'utf8' }).split('\n');
  return lines.find((l) => l.trim())!.trim();
}

/** Viewers watching: each playlist fetched every half second until the returned function is called. */
function keepWatching(client: Client, playlists: string[]): () => Promise<void> {
  let watching = true;
  const loop = (async () => {
    while (watching) {
      await Promise.all(playlists.map((p) => client.fetch(p).then((r) => r.body?.cancel())));
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return async () => {
    watching = false;
    await loop;
  };
}

let rtspCamera: Camera;
describe('live feeds', () => {
  it('restreams an RTSP camera to HLS on first view: the playlist fills with playable H.264 segments', async () => {
    rtspCamera = await addCamera('rtsp', sources.urls.rtsp.street!);
    const incident = await openIncidentFor(rtspCamera);
    const res = await openFeed(rtspCamera, `?incidentId=${incident.id}`);
    expect(res.status).toBe(200);
    const feed = (await res.json()) as CameraFeed;
    expect(feed).toEqual({ kind: 'hls', url: `/api/cameras/${rtspCamera.id}/hls/index.m3u8` });
    expect(await playSegment(dsp, feed.url)).toBe('h264,320');
    expect(restreamPids(rtspCamera)).toHaveLength(1);

    const audit = await listAudit(tdb.db, { targetType: 'camera', targetId: rtspCamera.id, limit: 10 });
    const view = audit.find((a) => a.action === 'camera.view');
    expect(view).toMatchObject({ actorName: dsp.user.username, after: { incidentId: incident.id } });
  });

  it('keeps the restream while someone fetches it and ends the ffmpeg process after the last viewer leaves', async () => {
    // Opened again: on a busy machine the previous test's restream may already have idled out.
    const { url: feed } = (await (await openFeed(rtspCamera)).json()) as CameraFeed;
    const pid = restreamPids(rtspCamera)[0];
    expect(pid).toBeGreaterThan(0);
    for (let i = 0; i < 8; i++) {
      expect((await dsp.fetch(feed)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(restreamPids(rtspCamera)).toEqual([pid]);
    await until('the restream ending', () => (restreamPids(rtspCamera).length === 0 ? true : undefined));
    expect((await dsp.fetch(feed)).status).toBe(404);
  });

  it('refuses an anonymous viewer and a call-taker, for the feed and for its files', async () => {
    expect((await fetch(`${server.url}/api/cameras/${rtspCamera.id}/feed`)).status).toBe(401);
    const feed = (await (await openFeed(rtspCamera)).json()) as CameraFeed;
    expect((await fetch(`${server.url}${feed.url}`)).status).toBe(401);
    expect((await ct.fetch(feed.url)).status).toBe(403);
    expect((await ct.fetch(`/api/cameras/${rtspCamera.id}/feed`)).status).toBe(403);
    expect((await dsp.fetch(`/api/cameras/${rtspCamera.id}/hls/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await openFeed(rtspCamera, '?incidentId=nope')).status).toBe(400);
  });

  it('caps concurrent restreams with 503, then restreams an HLS camera once a slot frees', async () => {
    const second = await addCamera('rtsp', sources.urls.rtsp.street!);
    const hls = await addCamera('hls', sources.urls.hls.bridge!);
    const first = (await (await openFeed(rtspCamera)).json()) as CameraFeed;
    const stopWatchingFirst = keepWatching(dsp, [first.url]);
    const next = (await (await openFeed(second)).json()) as CameraFeed;
    const stopWatching = keepWatching(dsp, [next.url]);
    const full = await openFeed(hls);
    await Promise.all([stopWatchingFirst(), stopWatching()]);
    expect(full.status).toBe(503);
    expect(((await full.json()) as { error: { message: string } }).error.message).toContain('2 live feeds');
    const opened = await until('a free restream slot', async () => {
      const res = await openFeed(hls);
      return res.status === 200 ? ((await res.json()) as CameraFeed) : undefined;
    });
    expect(await playSegment(dsp, opened.url)).toBe('h264,320');
  });

  it('proxies MJPEG and snapshot cameras to logged-in viewers only', async () => {
    const mjpeg = await addCamera('mjpeg', sources.urls.mjpeg.market!);
    const snap = await addCamera('snapshot', sources.urls.snapshot.gate!);
    const feed = (await (await openFeed(mjpeg)).json()) as CameraFeed;
    expect(feed).toEqual({ kind: 'mjpeg', url: `/api/cameras/${mjpeg.id}/mjpeg` });
    const abort = new AbortController();
    const stream = await dsp.fetch(feed.url, { signal: abort.signal });
    expect(stream.headers.get('content-type')).toContain('multipart/x-mixed-replace');
    const first = await readUntil(stream, (b) => b.includes(Buffer.from([0xff, 0xd8])));
    expect(first.toString('latin1')).toContain('Content-type: image/jpeg');
    abort.abort();

    const still = (await (await openFeed(snap)).json()) as CameraFeed;
    const picture = await dsp.fetch(still.url);
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await picture.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await fetch(`${server.url}${still.url}`)).status).toBe(401);
    expect((await fetch(`${server.url}${feed.url}`)).status).toBe(401);
  });

  it('answers 503 for a camera that cannot be reached and leaves no process behind', async () => {
    const dead = await addCamera('rtsp', `rtsp://127.0.0.1:${await freePort()}/gone`);
    const res = await openFeed(dead);
    expect(res.status).toBe(503);
    expect(restreamPids(dead)).toEqual([]);
    const none = await addCamera('snapshot', `http://127.0.0.1:${await freePort()}/x.jpg`);
    const still = (await (await openFeed(none)).json()) as CameraFeed;
    expect((await dsp.fetch(still.url)).status).toBe(503);
  });
});

async function openIncidentFor(camera: Camera): Promise<Incident> {
  const res = await dsp.fetch('/api/incidents', {
    method: 'POST',
    json: { type: 'traffic', subtype: 'collision-injury', location: { point: camera.point, address: 'x' } },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { incident: Incident }).incident;
}

async function readUntil(res: Response, enough: (b: Buffer) => boolean): Promise<Buffer> {
  const reader = res.body!.getReader();
  let buf = Buffer.alloc(0);
  while (!enough(buf)) {
    const { value, done } = await reader.read();
    if (done) break;
    buf = Buffer.concat([buf, Buffer.from(value)]);
  }
  await reader.cancel();
  return buf;
}
