// Camera URLs used to reach what the server can reach: an admin's camera (or a camera's redirect) pointing at an
// internal service made the server fetch it for dispatchers. Hosts outside CAMERA_NETWORKS are refused, redirects
// are not followed, and a dispatcher learns only "camera unreachable".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CameraFeed } from '@hcm112/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCamera } from '../support/cameras.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

// Only 127.0.0.1 holds cameras here; 127.0.0.2 plays the internal network (loopback: no traffic leaves).
const stack = withServer({ env: { CAMERA_NETWORKS: '127.0.0.1/32', CAMERA_HEALTH_INTERVAL_SECONDS: '0' } });
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
let adm: Client;
let dsp: Client;
/** A camera-network service (a real camera), and an internal one outside: every request it gets is an attack's. */
let camera: { server: Server; url: string };
let internal: { server: Server; url: string; hits: string[] };
/** A "camera" that answers with a redirect to the internal service, or with a 500 page naming internals. */
let trickster: { server: Server; url: string };

async function listen(handler: Parameters<typeof createServer>[1], host = '127.0.0.1') {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, url: `http://${host}:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  [adm, dsp] = await stack.loginEach('admin', 'dispatcher');
  const hits: string[] = [];
  const picture: Parameters<typeof createServer>[1] = (_req, res) =>
    res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
  camera = await listen(picture);
  internal = {
    ...(await listen((req, res) => {
      hits.push(req.url ?? '');
      picture(req, res);
    }, '127.0.0.2')),
    hits,
  };
  trickster = await listen((req, res) => {
    if (req.url === '/redirect') res.writeHead(302, { location: `${internal.url}/admin/secret` }).end();
    else res.writeHead(500, { 'content-type': 'image/jpeg' }).end('db at 10.1.2.3 refused');
  });
});
afterAll(() => {
  camera?.server.close();
  internal?.server.close();
  trickster?.server.close();
});

const snapshotOf = async (streamUrl: string) => {
  const camera = await addCamera(adm, { streamKind: 'snapshot', streamUrl });
  const feed = (await (await dsp.fetch(`/api/cameras/${camera.id}/feed`)).json()) as CameraFeed;
  return { camera, res: await dsp.fetch(feed.url) };
};

describe('camera hosts', () => {
  it('refuses a camera URL outside the camera networks with 400 on streamUrl', async () => {
    for (const streamUrl of ['http://169.254.169.254/latest/meta-data/', `${internal.url}/admin`]) {
      const res = await adm.fetch('/api/cameras', {
        method: 'POST',
        json: {
          code: `OUT-${streamUrl.length}`,
          name: 'outside',
          point: { lat: 10.7725, lon: 106.698 },
          bearingDeg: 0,
          fovDeg: 90,
          rangeM: 150,
          layer: 'mid',
          owner: 'transport',
          streamKind: streamUrl.startsWith('rtsp') ? 'rtsp' : 'snapshot',
          streamUrl,
        },
      });
      expect(res.status, streamUrl).toBe(400);
      expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty('streamUrl');
    }
  });

  it('refuses at connection time a stored camera that points outside (saved before the rule)', async () => {
    const stored = await addCamera(adm, { streamKind: 'snapshot', streamUrl: `${camera.url}/ok.jpg` });
    const outside = `${internal.url}/admin/secret`;
    await sql`UPDATE cameras SET stream_url = ${outside} WHERE id = ${stored.id}`.execute(stack.tdb.db);
    const before = internal.hits.length;
    const res = await dsp.fetch(`/api/cameras/${stored.id}/snapshot`);
    expect(internal.hits.length).toBe(before);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'unavailable', message: 'camera unreachable' } });
  });
});

describe('the snapshot proxy', () => {
  it('does not follow a camera redirect to another host or port', async () => {
    const before = internal.hits.length;
    const { res } = await snapshotOf(`${trickster.url}/redirect`);
    expect(res.status).toBe(503);
    expect(internal.hits.length).toBe(before);
  });

  it('tells a dispatcher only "camera unreachable", never what the camera said', async () => {
    const { res } = await snapshotOf(`${trickster.url}/broken.jpg`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'unavailable', message: 'camera unreachable' } });
  });

  it('still proxies a camera inside the camera networks', async () => {
    const { res } = await snapshotOf(`${camera.url}/ok.jpg`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG);
  });
});
