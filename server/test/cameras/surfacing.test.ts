import type { Camera, Incident, ServerMessage, SurfacedCamera } from '@hcm112/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import * as incidentsRepo from '../../src/incidents/repository.ts';
import type { RunningServer } from '../../src/server.ts';
import { connectConsole, type TestConsole } from '../../testing/console-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { type Client, login, makeUser, startTestServer } from '../support/server.ts';

let tdb: TestDatabase;
let server: RunningServer;
let adm: Client;
let dsp: Client;
let sup: Client;
let ct: Client;
let desk: TestConsole;
beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb, { CAMERA_HEALTH_INTERVAL_SECONDS: '0' });
  [adm, dsp, sup, ct] = await Promise.all([
    login(server.url, await makeUser(tdb.db, 'admin')),
    login(server.url, await makeUser(tdb.db, 'dispatcher')),
    login(server.url, await makeUser(tdb.db, 'supervisor')),
    login(server.url, await makeUser(tdb.db, 'call-taker')),
  ]);
  desk = await connectConsole(server.url, dsp.token);
  desk.send({ type: 'subscribe', streams: ['cameras'] });
  await desk.waitFor((m) => m.type === 'subscribed', 'subscribed');
});
afterAll(async () => {
  await desk?.close();
  await server?.stop();
  await tdb?.drop();
});

// Metres to degrees at this latitude (10.77° N).
const M_LAT = 1 / 110_600;
const M_LON = 1 / 109_360;
const P = { lat: 10.7725, lon: 106.698 };
const at = (northM: number, eastM: number, from = P) => ({
  lat: from.lat + northM * M_LAT,
  lon: from.lon + eastM * M_LON,
});

async function addCamera(code: string, fields: object): Promise<Camera> {
  const res = await adm.fetch('/api/cameras', {
    method: 'POST',
    json: { code, name: code, fovDeg: 60, layer: 'mid', owner: 'transport', ...fields },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { camera: Camera }).camera;
}

async function openIncident(point: { lat: number; lon: number }): Promise<Incident> {
  const res = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: { type: 'traffic', subtype: 'collision-injury', location: { point, address: 'test' } },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { incident: Incident }).incident;
}

function camerasEvent(incidentId: string, has: (codes: string[]) => boolean) {
  return (m: ServerMessage) =>
    m.type === 'event' &&
    m.envelope.event.type === 'incident.cameras' &&
    m.envelope.event.incidentId === incidentId &&
    has(m.envelope.event.cameras.map((c) => c.code));
}

const codes = (list: SurfacedCamera[]) => list.map((c) => c.code);

let facingAway: Camera;
let facing: Camera;
let outOfRange: Camera;
let ptz: Camera;
let offline: Camera;
beforeAll(async () => {
  facingAway = await addCamera('AWAY-50M', { point: at(50, 0), bearingDeg: 0, rangeM: 150 });
  facing = await addCamera('FACING-200M', { point: at(0, 200), bearingDeg: 270, rangeM: 250 });
  outOfRange = await addCamera('FAR-400M', { point: at(-400, 0), bearingDeg: 0, rangeM: 300 });
  ptz = await addCamera('PTZ-100M', { point: at(0, -100), bearingDeg: 0, rangeM: 150, ptz: true });
  offline = await addCamera('OFFLINE-150M', { point: at(150, 0), bearingDeg: 180, rangeM: 200 });
  await tdb.db.updateTable('cameras').set({ online: false }).where('id', '=', offline.id).execute();
});

describe('surfacing cameras for an incident', () => {
  it('surfaces the cameras that can see it: facing 200 m off yes, facing away 50 m off no, out of range no', async () => {
    const incident = await openIncident(P);
    const pushed = await desk.waitFor(
      camerasEvent(incident.id, () => true),
      'incident.cameras for the new incident',
    );
    const res = await dsp.fetch(`/api/incidents/${incident.id}/cameras`);
    const { cameras } = (await res.json()) as { cameras: SurfacedCamera[] };
    expect(codes(cameras)).toEqual(['PTZ-100M', 'FACING-200M', 'OFFLINE-150M']);
    expect(codes(cameras)).not.toContain(facingAway.code);
    expect(codes(cameras)).not.toContain(outOfRange.code);
    const seen = cameras.find((c) => c.code === 'FACING-200M')!;
    expect(seen.inCone).toBe(true);
    expect(seen.distanceM).toBeGreaterThan(190);
    expect(seen.distanceM).toBeLessThan(210);
    expect(cameras.at(-1)).toMatchObject({ code: 'OFFLINE-150M', online: false });
    expect(pushed.type === 'event' && pushed.envelope.event.type === 'incident.cameras').toBe(true);
  });

  it('recomputes and pushes the list when the incident moves, keeping pinned and hidden cameras', async () => {
    const incident = await openIncident(P);
    await desk.waitFor(
      camerasEvent(incident.id, (c) => c.includes('FACING-200M')),
      'first list',
    );
    const pin = await dsp.fetch(`/api/incidents/${incident.id}/cameras/${facing.id}`, {
      method: 'POST',
      json: { pinned: true },
    });
    expect(pin.status).toBe(200);
    await dsp.fetch(`/api/incidents/${incident.id}/cameras/${ptz.id}`, {
      method: 'POST',
      json: { hidden: true },
    });

    // 100 m north of the far camera, which looks north: now it sees the incident.
    const moved = await ct.fetch(`/api/incidents/${incident.id}`, {
      method: 'PATCH',
      json: { location: { point: at(100, 0, outOfRange.point), address: 'moved' } },
    });
    expect(moved.status).toBe(200);
    const pushed = await desk.waitFor(
      camerasEvent(incident.id, (c) => c.includes('FAR-400M')),
      'incident.cameras after the move',
    );
    if (pushed.type !== 'event' || pushed.envelope.event.type !== 'incident.cameras')
      throw new Error('no list');
    const list = pushed.envelope.event.cameras;
    expect(codes(list)).toEqual(['FACING-200M', 'FAR-400M', 'PTZ-100M']);
    expect(list[0]).toMatchObject({ pinned: true, inCone: false });
    expect(list[2]).toMatchObject({ hidden: true });
    expect(codes(list)).not.toContain('OFFLINE-150M');

    const audit = await listAudit(tdb.db, { targetType: 'incident', targetId: incident.id, limit: 20 });
    const sets = audit.filter((a) => a.action === 'incident.camera.set');
    expect(sets.map((a) => [a.actorName, a.after])).toEqual([
      [dsp.user.username, { cameraId: facing.id, pinned: true, hidden: false }],
      [dsp.user.username, { cameraId: ptz.id, pinned: false, hidden: true }],
    ]);
  });

  it('computes the list on first read for an incident whose change event was never handled', async () => {
    const id = await incidentsRepo.insertIncident(tdb.db, {
      number: 'HCM-2026-900001',
      type: 'fire',
      subtype: 'structure-fire',
      priority: 9,
      point: at(0, 20),
      address: '',
      district: null,
      createdBy: null,
      at: new Date(),
    });
    const res = await sup.fetch(`/api/incidents/${id}/cameras`);
    expect(res.status).toBe(200);
    expect(codes(((await res.json()) as { cameras: SurfacedCamera[] }).cameras)).toContain('FACING-200M');
  });

  it('adds a newly registered camera that sees an open incident to its list', async () => {
    const incident = await openIncident(at(300, 300));
    await desk.waitFor(
      camerasEvent(incident.id, () => true),
      'first list',
    );
    await addCamera('NEW-NEAR', { point: at(300, 400), bearingDeg: 270, rangeM: 150 });
    await desk.waitFor(
      camerasEvent(incident.id, (c) => c.includes('NEW-NEAR')),
      'list with the new camera',
    );
  });

  it('checks roles, ids and bodies', async () => {
    const incident = await openIncident(P);
    const path = `/api/incidents/${incident.id}/cameras`;
    expect((await ct.fetch(path)).status).toBe(403);
    expect((await fetch(`${server.url}${path}`)).status).toBe(401);
    expect((await sup.fetch(`${path}/${facing.id}`, { method: 'POST', json: { pinned: true } })).status).toBe(
      403,
    );
    const empty = await dsp.fetch(`${path}/${facing.id}`, { method: 'POST', json: {} });
    expect(empty.status).toBe(400);
    const unknown = await dsp.fetch(`${path}/00000000-0000-4000-8000-000000000000`, {
      method: 'POST',
      json: { pinned: true },
    });
    expect(unknown.status).toBe(404);
    expect((await dsp.fetch('/api/incidents/not-a-uuid/cameras')).status).toBe(400);
  });
});
