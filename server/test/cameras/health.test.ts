import type { Camera, Incident, ServerMessage } from '@hcm112/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { freePort } from '@hcm112/telephony/testing';
import { type CameraSources, startCameraSources } from '../../testing/camera-sources.ts';
import { connectConsole, type TestConsole } from '../../testing/console-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { type Client, login, makeUser, startTestServer } from '../support/server.ts';

let tdb: TestDatabase;
let server: RunningServer;
let sources: CameraSources;
let adm: Client;
let dsp: Client;
let desk: TestConsole;
beforeAll(async () => {
  sources = await startCameraSources({ rtsp: ['junction'], snapshot: ['bridge'] });
  tdb = await createTestDatabase();
  server = await startTestServer(tdb, { CAMERA_HEALTH_INTERVAL_SECONDS: '1' });
  [adm, dsp] = await Promise.all([
    login(server.url, await makeUser(tdb.db, 'admin')),
    login(server.url, await makeUser(tdb.db, 'dispatcher')),
  ]);
  desk = await connectConsole(server.url, dsp.token);
  desk.send({ type: 'subscribe', streams: ['cameras'] });
  await desk.waitFor((m) => m.type === 'subscribed', 'subscribed');
}, 90_000);
afterAll(async () => {
  await desk?.close();
  await server?.stop();
  await sources?.stop();
  await tdb?.drop();
});

const P = { lat: 10.7725, lon: 106.698 };
let n = 0;
async function addCamera(streamKind: string, streamUrl: string, northM: number): Promise<Camera> {
  n += 1;
  const res = await adm.fetch('/api/cameras', {
    method: 'POST',
    json: {
      code: `HEALTH-${n}`,
      name: `Health ${n}`,
      point: { lat: P.lat + northM / 110_600, lon: P.lon },
      bearingDeg: 180,
      fovDeg: 90,
      rangeM: 300,
      layer: 'mid',
      owner: 'transport',
      streamKind,
      streamUrl,
    },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { camera: Camera }).camera;
}

const cameraUpdate = (id: string, online: boolean) => (m: ServerMessage) =>
  m.type === 'event' &&
  m.envelope.event.type === 'camera.updated' &&
  m.envelope.event.camera.id === id &&
  m.envelope.event.camera.online === online;

describe('camera health', () => {
  it('marks an unreachable stream offline, pushes it without its URL, and lists it last for an incident', async () => {
    const rtsp = await addCamera('rtsp', sources.urls.rtsp.junction!, 50);
    const snapshot = await addCamera('snapshot', sources.urls.snapshot.bridge!, 100);
    const dead = await addCamera('rtsp', `rtsp://127.0.0.1:${await freePort()}/nothing`, 20);
    const pushed = await desk.waitFor(cameraUpdate(dead.id, false), 'the dead camera going offline');
    if (pushed.type !== 'event' || pushed.envelope.event.type !== 'camera.updated')
      throw new Error('no event');
    expect(pushed.envelope.event.camera.streamUrl).toBeNull();

    const res = await dsp.fetch('/api/incidents', {
      method: 'POST',
      json: { type: 'fire', subtype: 'structure-fire', location: { point: P, address: 'x' } },
    });
    const { incident } = (await res.json()) as { incident: Incident };
    const list = (await (await dsp.fetch(`/api/incidents/${incident.id}/cameras`)).json()) as {
      cameras: Array<{ code: string; online: boolean }>;
    };
    expect(list.cameras.map((c) => [c.code, c.online])).toEqual([
      [rtsp.code, true],
      [snapshot.code, true],
      [dead.code, false],
    ]);
    const checked = (await (await adm.fetch(`/api/cameras/${rtsp.id}`)).json()) as { camera: Camera };
    expect(checked.camera.lastCheckedAt).not.toBeNull();
  });

  it('marks cameras offline when their sources stop, and re-ranks the incident list', async () => {
    const before = desk.messages.length;
    await sources.stop();
    const [rtsp, snapshot] = ((await (await adm.fetch('/api/cameras')).json()) as { cameras: Camera[] })
      .cameras;
    await desk.waitFor(cameraUpdate(rtsp!.id, false), 'the RTSP camera going offline');
    await desk.waitFor(cameraUpdate(snapshot!.id, false), 'the snapshot camera going offline');
    const relisted = await desk.waitFor(
      (m) =>
        desk.messages.indexOf(m) >= before &&
        m.type === 'event' &&
        m.envelope.event.type === 'incident.cameras' &&
        m.envelope.event.cameras.every((c) => !c.online),
      'an incident list with every camera offline',
    );
    expect(relisted.type).toBe('event');
  });
});
