// The camera registry over HTTP: who may create, edit and delete cameras, each bad field named, and bulk
// GeoJSON and CSV import.
import type { Camera, CameraImportResult } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import type { Client } from '../support/server.ts';
import { withCameraStack } from '../support/camera-stack.ts';

// The cameras here sit on a 10.x camera network (stored only: health checks are off, nothing connects to them).
const stack = withCameraStack({ city: true, env: { CAMERA_NETWORKS: '127.0.0.0/8,10.0.0.0/8' } });
let adm: Client;
let dsp: Client;
let ct: Client;
beforeAll(async () => {
  [adm, dsp, ct] = await stack.loginEach('admin', 'dispatcher', 'call-taker');
});

const BASE = {
  name: 'Lê Lợi - Nam Kỳ Khởi Nghĩa',
  point: { lat: 10.7738, lon: 106.7005 },
  bearingDeg: 90,
  fovDeg: 70,
  rangeM: 150,
  layer: 'mid',
  owner: 'transport',
};

async function importText(body: string, contentType: string): Promise<CameraImportResult> {
  const res = await adm.fetch('/api/cameras/import', {
    method: 'POST',
    body,
    headers: { 'content-type': contentType },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as CameraImportResult;
}

async function countCameras(codePrefix: string): Promise<number> {
  const rows = await stack.tdb.db
    .selectFrom('cameras')
    .select('code')
    .where('code', 'like', `${codePrefix}%`)
    .execute();
  return rows.length;
}

describe('camera registry', () => {
  it('lets an admin create, edit and delete a camera, each audited, and fills its district', async () => {
    const created = await adm.fetch('/api/cameras', {
      method: 'POST',
      json: { ...BASE, code: 'T-REG-1', streamUrl: 'rtsp://10.0.0.5/live', streamKind: 'rtsp' },
    });
    expect(created.status).toBe(201);
    const { camera } = (await created.json()) as { camera: Camera };
    expect(camera).toMatchObject({ code: 'T-REG-1', district: 'Quận 1', online: true, ptz: false });

    const patched = await adm.fetch(`/api/cameras/${camera.id}`, {
      method: 'PATCH',
      json: { bearingDeg: 180 },
    });
    expect(((await patched.json()) as { camera: Camera }).camera.bearingDeg).toBe(180);

    const removed = await adm.fetch(`/api/cameras/${camera.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await adm.fetch(`/api/cameras/${camera.id}`)).status).toBe(404);
    const audit = await listAudit(stack.tdb.db, { targetType: 'camera', targetId: camera.id, limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(['camera.create', 'camera.update', 'camera.delete']);
    expect(audit[1]?.before).toMatchObject({ bearingDeg: 90 });
  });

  it('shows dispatchers the cameras without their stream URLs and refuses them any change', async () => {
    await adm.fetch('/api/cameras', {
      method: 'POST',
      json: { ...BASE, code: 'T-REG-2', streamUrl: 'rtsp://user:secret@10.0.0.6/live', streamKind: 'rtsp' },
    });
    const res = await dsp.fetch('/api/cameras?bbox=106.69,10.76,106.71,10.78');
    const { cameras } = (await res.json()) as { cameras: Camera[] };
    const mine = cameras.find((c) => c.code === 'T-REG-2');
    expect(mine).toMatchObject({ streamKind: 'rtsp', streamUrl: null });
    expect(cameras.every((c) => c.point.lon >= 106.69 && c.point.lon <= 106.71)).toBe(true);
    expect((await dsp.fetch('/api/cameras', { method: 'POST', json: { ...BASE, code: 'X' } })).status).toBe(
      403,
    );
    expect((await ct.fetch('/api/cameras')).status).toBe(403);
    expect((await fetch(`${stack.server.url}/api/cameras`)).status).toBe(401);
  });

  it('names each bad field: range, stream kind without URL, URL of the wrong scheme, taken code', async () => {
    const bad = await adm.fetch('/api/cameras', {
      method: 'POST',
      json: { ...BASE, code: 'T-REG-3', rangeM: -5, streamKind: 'rtsp' },
    });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields).sort()).toEqual(['rangeM', 'streamUrl']);
    const scheme = await adm.fetch('/api/cameras', {
      method: 'POST',
      json: { ...BASE, code: 'T-REG-3', streamUrl: 'http://cam/x.m3u8', streamKind: 'rtsp' },
    });
    expect(
      ((await scheme.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('streamUrl');
    const taken = await adm.fetch('/api/cameras', { method: 'POST', json: { ...BASE, code: 'T-REG-2' } });
    expect(taken.status).toBe(409);
  });
});

describe('bulk import', () => {
  const feature = (code: string, props: object, coordinates: unknown = [106.7, 10.77]) => ({
    type: 'Feature',
    properties: { code, name: `Camera ${code}`, ...props },
    geometry: { type: 'Point', coordinates },
  });

  it('imports the good GeoJSON rows, reports each bad row by number, and is idempotent by code', async () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        feature('T-GJ-1', { bearing: 45, fov: 80, range: 120, layer: 'high' }),
        feature('T-GJ-2', { ptz: true }),
        feature('T-GJ-3', { bearing: 400 }),
        feature('T-GJ-4', {}, [500, 10.7]),
        {
          type: 'Feature',
          properties: { code: 'T-GJ-5' },
          geometry: { type: 'LineString', coordinates: [] },
        },
        feature('T-GJ-1', { bearing: 10 }),
        feature('', {}),
      ],
    };
    const first = await importText(JSON.stringify(doc), 'application/geo+json');
    expect(first).toMatchObject({ imported: 2, created: 2, updated: 0, unchanged: 0 });
    expect(first.errors).toEqual([
      { row: 3, code: 'T-GJ-3', fields: { bearingDeg: expect.any(String) } },
      { row: 4, code: 'T-GJ-4', fields: { 'point.lon': expect.any(String) } },
      { row: 5, code: 'T-GJ-5', fields: { geometry: expect.any(String) } },
      { row: 6, code: 'T-GJ-1', fields: { code: 'duplicate of row 1' } },
      { row: 7, code: null, fields: { code: expect.any(String) } },
    ]);
    const cams = (await (await adm.fetch('/api/cameras?bbox=106.69,10.76,106.71,10.78')).json()) as {
      cameras: Camera[];
    };
    const ptz = cams.cameras.find((c) => c.code === 'T-GJ-2');
    expect(ptz).toMatchObject({ ptz: true, fovDeg: 360, rangeM: 200, layer: 'mid', owner: 'transport' });

    const again = await importText(JSON.stringify(doc), 'application/geo+json');
    expect(again).toMatchObject({ imported: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await countCameras('T-GJ-')).toBe(2);
  });

  it('imports CSV with line numbers in its errors and updates a camera whose row changed', async () => {
    const csv = [
      'code,name,lat,lon,bearing_deg,fov_deg,range_m,layer,owner,ptz,stream_url,stream_kind',
      'T-CSV-1,Hai Bà Trưng,10.78,106.70,10,60,100,low,district,no,,',
      'T-CSV-2,Pasteur,10.779,106.699,20,60,100,low,district,false,http://10.1.1.1/snap.jpg,snapshot',
      'T-CSV-3,Bad layer,10.779,106.699,20,60,100,roof,district,false,,',
      'T-CSV-4,No kind,10.779,106.699,20,60,100,low,district,false,rtsp://10.1.1.2/live,',
    ].join('\n');
    const first = await importText(csv, 'text/csv');
    expect(first).toMatchObject({ imported: 2, created: 2 });
    expect(first.errors).toEqual([
      { row: 4, code: 'T-CSV-3', fields: { layer: expect.any(String) } },
      { row: 5, code: 'T-CSV-4', fields: { streamKind: 'required with streamUrl' } },
    ]);
    const changed = csv.replace(
      'T-CSV-1,Hai Bà Trưng,10.78,106.70,10',
      'T-CSV-1,Hai Bà Trưng,10.78,106.70,15',
    );
    const second = await importText(changed, 'text/csv');
    expect(second).toMatchObject({ imported: 2, created: 0, updated: 1, unchanged: 1 });
    const audit = await listAudit(stack.tdb.db, { targetType: 'camera', limit: 100 });
    const last = audit.filter((a) => a.action === 'camera.import').at(-1);
    expect(last?.after).toMatchObject({ created: [], updated: ['T-CSV-1'], rejected: 2 });
  });

  it('refuses a CSV whose header has no lat and lon columns with 400 naming them', async () => {
    for (const body of ['false', '', 'code,name\nCAM-X,somewhere']) {
      const res = await adm.fetch('/api/cameras/import', {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
        header: 'needs lat and lon columns',
      });
    }
  });

  it('writes nothing when the file is not a camera list, and refuses non-admins', async () => {
    const res = await adm.fetch('/api/cameras/import', {
      method: 'POST',
      body: '{"type":"Feature"}',
      headers: { 'content-type': 'application/geo+json' },
    });
    expect(res.status).toBe(400);
    const refused = await dsp.fetch('/api/cameras/import', {
      method: 'POST',
      body: 'code\nX',
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(403);
  });
});
