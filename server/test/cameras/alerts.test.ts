import type { AlertSourceWithSecret, Camera, CameraAlert, Incident, SurfacedCamera } from '@hcm112/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAnalytics } from '../../src/alerts/signature.ts';
import { listAudit } from '../../src/audit/repository.ts';
import type { RunningServer } from '../../src/server.ts';
import { connectConsole, type TestConsole } from '../../testing/console-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { type Client, login, makeUser, startTestServer } from '../support/server.ts';

let tdb: TestDatabase;
let server: RunningServer;
let adm: Client;
let dsp: Client;
let dsp2: Client;
let sup: Client;
let ct: Client;
let desk: TestConsole;
let source: AlertSourceWithSecret;
let camera: Camera;
beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb, { ALERT_DEDUP_SECONDS: '60', CAMERA_HEALTH_INTERVAL_SECONDS: '0' });
  [adm, dsp, dsp2, sup, ct] = await Promise.all([
    login(server.url, await makeUser(tdb.db, 'admin')),
    login(server.url, await makeUser(tdb.db, 'dispatcher')),
    login(server.url, await makeUser(tdb.db, 'dispatcher')),
    login(server.url, await makeUser(tdb.db, 'supervisor')),
    login(server.url, await makeUser(tdb.db, 'call-taker')),
  ]);
  const created = await adm.fetch('/api/alert-sources', { method: 'POST', json: { name: 'vms-district-1' } });
  expect(created.status).toBe(201);
  source = (await created.json()) as AlertSourceWithSecret;
  const res = await adm.fetch('/api/cameras', {
    method: 'POST',
    json: {
      code: 'ALERT-CAM',
      name: 'Nguyễn Huệ - Lê Lợi',
      point: { lat: 10.7735, lon: 106.7035 },
      bearingDeg: 90,
      fovDeg: 80,
      rangeM: 200,
      layer: 'high',
      owner: 'transport',
    },
  });
  camera = ((await res.json()) as { camera: Camera }).camera;
  desk = await connectConsole(server.url, dsp.token);
  desk.send({ type: 'subscribe', streams: ['alerts'] });
  await desk.waitFor((m) => m.type === 'subscribed', 'subscribed');
});
afterAll(async () => {
  await desk?.close();
  await server?.stop();
  await tdb?.drop();
});

const now = () => Math.floor(Date.now() / 1000);
let clockOffset = 0;
/** Event times advance a second per event, so events of one test are distinct. */
const eventAt = (extraSeconds = 0) =>
  new Date(Date.now() + (clockOffset++ + extraSeconds) * 1000).toISOString();

interface PostOptions {
  name?: string;
  secret?: string;
  timestamp?: number;
  signature?: string;
  raw?: string;
}

async function post(event: object, o: PostOptions = {}): Promise<Response> {
  const raw = o.raw ?? JSON.stringify(event);
  const timestamp = o.timestamp ?? now();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-analytics-source': o.name ?? source.source.name,
    'x-analytics-timestamp': String(timestamp),
    'x-analytics-signature': o.signature ?? signAnalytics(o.secret ?? source.secret, timestamp, raw),
  };
  return fetch(`${server.url}/api/analytics/events`, { method: 'POST', headers, body: raw });
}

async function raise(kind: string, extra: object = {}): Promise<CameraAlert> {
  const res = await post({ cameraCode: camera.code, kind, at: eventAt(), ...extra });
  expect(res.status).toBe(202);
  return ((await res.json()) as { alert: CameraAlert }).alert;
}

const alertCount = async () =>
  Number(
    (
      await tdb.db
        .selectFrom('camera_alerts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('analytics intake', () => {
  it('refuses unsigned, wrongly signed, unknown, stale and replayed posts, and writes nothing for them', async () => {
    const event = { cameraCode: camera.code, kind: 'crowd', at: eventAt() };
    const before = await alertCount();
    const unsigned = await fetch(`${server.url}/api/analytics/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(401);
    expect((await post(event, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await post(event, { name: 'nobody' })).status).toBe(401);
    expect((await post(event, { timestamp: now() - 3600 })).status).toBe(401);
    const raw = JSON.stringify(event);
    const timestamp = now();
    const signature = signAnalytics(source.secret, timestamp, raw);
    // Signed over other bytes than those sent (a re-serialised body) is refused as well.
    expect((await post(event, { raw: `${raw} `, timestamp, signature })).status).toBe(401);
    expect(await alertCount()).toBe(before);
    expect((await post(event, { raw, timestamp, signature })).status).toBe(202);
    expect((await post(event, { raw, timestamp, signature })).status).toBe(409);
    expect(await alertCount()).toBe(before + 1);
  });

  it('checks the body after the signature: 400 names the field, 404 for an unknown camera', async () => {
    const bad = await post({ cameraCode: camera.code, kind: 'meteor', at: eventAt() });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      'kind',
    );
    expect((await post({ cameraCode: 'NO-SUCH', kind: 'crowd', at: eventAt() })).status).toBe(404);
  });

  it('folds events of one camera and kind within the window into one alert with a count, pushed live', async () => {
    const first = await raise('stopped-vehicle', { confidence: 0.6 });
    const second = await raise('stopped-vehicle', { confidence: 0.9, eventId: 'vms-42' });
    const retried = await raise('stopped-vehicle', { eventId: 'vms-42' });
    const third = await raise('stopped-vehicle');
    expect(new Set([first.id, second.id, retried.id, third.id]).size).toBe(1);
    expect(third).toMatchObject({ count: 3, confidence: 0.9, status: 'open', sourceName: 'vms-district-1' });
    const other = await raise('smoke-fire');
    expect(other.id).not.toBe(first.id);
    const later = await raise('stopped-vehicle', { at: eventAt(600) });
    expect(later.id).not.toBe(first.id);
    await desk.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'alert.updated' &&
        m.envelope.event.alert.id === first.id &&
        m.envelope.event.alert.count === 3,
      'alert.updated with the folded count',
    );
    const list = (await (await dsp.fetch('/api/alerts')).json()) as { alerts: CameraAlert[] };
    expect(list.alerts.map((a) => a.id)).toEqual(expect.arrayContaining([first.id, other.id, later.id]));
  });
});

describe('acting on alerts', () => {
  it('promotes an alert to an incident in one action with the camera pinned, audited', async () => {
    const alert = await raise('accident', { confidence: 0.8 });
    const res = await dsp.fetch(`/api/alerts/${alert.id}/promote`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    const { alert: promoted, incident } = (await res.json()) as { alert: CameraAlert; incident: Incident };
    expect(promoted).toMatchObject({ status: 'promoted', incidentId: incident.id });
    expect(incident).toMatchObject({ type: 'traffic', subtype: 'collision-injury' });
    expect(incident.location.point).toEqual(camera.point);
    const cams = (await (await dsp.fetch(`/api/incidents/${incident.id}/cameras`)).json()) as {
      cameras: SurfacedCamera[];
    };
    expect(cams.cameras[0]).toMatchObject({ cameraId: camera.id, pinned: true });
    const audit = await listAudit(tdb.db, { targetType: 'alert', targetId: alert.id, limit: 10 });
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([
      ['alert.raise', 'analytics:vms-district-1'],
      ['alert.promote', dsp.user.username],
    ]);
    expect((await dsp.fetch(`/api/alerts/${alert.id}/promote`, { method: 'POST', json: {} })).status).toBe(
      409,
    );
  });

  it('creates one incident when two dispatchers promote the same alert at once', async () => {
    const alert = await raise('crowd');
    const incidentsBefore = await countIncidents();
    const results = await Promise.all(
      [dsp, dsp2].map((c) =>
        c.fetch(`/api/alerts/${alert.id}/promote`, {
          method: 'POST',
          json: { type: 'crime', subtype: 'disturbance', note: 'crowd at the corner' },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await countIncidents()).toBe(incidentsBefore + 1);
  });

  it('dismisses an alert, after which it cannot be promoted; checks roles and bodies', async () => {
    const alert = await raise('congestion');
    expect((await sup.fetch(`/api/alerts/${alert.id}/dismiss`, { method: 'POST' })).status).toBe(403);
    expect((await ct.fetch('/api/alerts')).status).toBe(403);
    expect((await sup.fetch('/api/alerts?status=all')).status).toBe(200);
    const typeOnly = await dsp.fetch(`/api/alerts/${alert.id}/promote`, {
      method: 'POST',
      json: { type: 'fire' },
    });
    expect(typeOnly.status).toBe(400);
    const dismissed = await dsp.fetch(`/api/alerts/${alert.id}/dismiss`, { method: 'POST' });
    expect(((await dismissed.json()) as { alert: CameraAlert }).alert.status).toBe('dismissed');
    expect((await dsp.fetch(`/api/alerts/${alert.id}/promote`, { method: 'POST', json: {} })).status).toBe(
      409,
    );
    const open = (await (await dsp.fetch('/api/alerts')).json()) as { alerts: CameraAlert[] };
    expect(open.alerts.map((a) => a.id)).not.toContain(alert.id);
  });
});

describe('analytics sources', () => {
  it('lets an admin deactivate a source and rotate its secret; others may not manage them', async () => {
    const res = await adm.fetch('/api/alert-sources', { method: 'POST', json: { name: 'vms-temp' } });
    const temp = (await res.json()) as AlertSourceWithSecret;
    const event = () => ({ cameraCode: camera.code, kind: 'crowd', at: eventAt() });
    expect((await post(event(), { name: 'vms-temp', secret: temp.secret })).status).toBe(202);
    const rotated = await adm.fetch(`/api/alert-sources/${temp.source.id}`, {
      method: 'PATCH',
      json: { rotateSecret: true },
    });
    const { secret } = (await rotated.json()) as { secret: string };
    expect((await post(event(), { name: 'vms-temp', secret: temp.secret })).status).toBe(401);
    expect((await post(event(), { name: 'vms-temp', secret })).status).toBe(202);
    await adm.fetch(`/api/alert-sources/${temp.source.id}`, { method: 'PATCH', json: { active: false } });
    expect((await post(event(), { name: 'vms-temp', secret })).status).toBe(401);
    expect(
      (await adm.fetch('/api/alert-sources', { method: 'POST', json: { name: 'vms-temp' } })).status,
    ).toBe(409);
    expect(
      (await adm.fetch('/api/alert-sources', { method: 'POST', json: { name: 'Bad Name' } })).status,
    ).toBe(400);
    expect((await dsp.fetch('/api/alert-sources')).status).toBe(403);
    const listed = (await (await adm.fetch('/api/alert-sources')).json()) as { sources: object[] };
    expect(JSON.stringify(listed)).not.toContain(secret);
    const audit = await listAudit(tdb.db, {
      targetType: 'alert-source',
      targetId: temp.source.id,
      limit: 10,
    });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });
});

async function countIncidents(): Promise<number> {
  const row = await tdb.db
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
