// Camera health checks against real test cameras: an unreachable stream goes offline, is pushed without its
// URL and listed last for an incident; cameras whose sources stop go offline too.
import type { Camera, Incident, ServerMessage, StreamKind } from '@hcm112/shared';
import { freePort } from '@hcm112/telephony/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestConsole } from '../../testing/console-client.ts';
import type { Client } from '../support/server.ts';
import { withCameraStack } from '../support/camera-stack.ts';
import { addCamera } from '../support/cameras.ts';

const stack = withCameraStack({
  sources: { rtsp: ['junction'], snapshot: ['bridge'] },
  env: { CAMERA_HEALTH_INTERVAL_SECONDS: '1' },
});
let adm: Client;
let dsp: Client;
let desk: TestConsole;
beforeAll(async () => {
  [adm, dsp] = await stack.loginEach('admin', 'dispatcher');
  desk = await stack.subscribe(dsp, ['cameras']);
});

const P = { lat: 10.7725, lon: 106.698 };
/** A camera `northM` north of P looking back south at it, fed by `streamUrl`. */
const streamCamera = (streamKind: StreamKind, streamUrl: string, northM: number) =>
  addCamera(adm, {
    point: { lat: P.lat + northM / 110_600, lon: P.lon },
    bearingDeg: 180,
    rangeM: 300,
    streamKind,
    streamUrl,
  });

const cameraUpdate = (id: string, online: boolean) => (m: ServerMessage) =>
  m.type === 'event' &&
  m.envelope.event.type === 'camera.updated' &&
  m.envelope.event.camera.id === id &&
  m.envelope.event.camera.online === online;

describe('camera health', () => {
  it('marks an unreachable stream offline, pushes it without its URL, and lists it last for an incident', async () => {
    const rtsp = await streamCamera('rtsp', stack.sources.urls.rtsp.junction!, 50);
    const snapshot = await streamCamera('snapshot', stack.sources.urls.snapshot.bridge!, 100);
    const dead = await streamCamera('rtsp', `rtsp://127.0.0.1:${await freePort()}/nothing`, 20);
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
    await stack.sources.stop();
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
