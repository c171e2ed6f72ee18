// Opening incidents over HTTP: numbers, locations, duplicates nearby, notes and closing, bodies refused
// with the database unchanged, and which roles may do what.
import type { DuplicateCandidate, Incident } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { OPERATIONAL_STATE, snapshotTables } from '../../testing/table-snapshot.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({ city: true });
let ct: Client;
let dsp: Client;
let sup: Client;
beforeAll(async () => {
  [ct, dsp, sup] = await stack.loginEach('call-taker', 'dispatcher', 'supervisor');
});

const BEN_THANH = { lat: 10.7725, lon: 106.698 };
// ~110 m north and ~880 m north of the market.
const NEAR = { lat: 10.7735, lon: 106.698 };
const FAR = { lat: 10.7804, lon: 106.698 };

async function open(
  client: Client,
  body: object,
): Promise<{ incident: Incident; duplicates: DuplicateCandidate[] }> {
  const res = await client.fetch('/api/incidents', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return (await res.json()) as { incident: Incident; duplicates: DuplicateCandidate[] };
}

describe('opening incidents', () => {
  it('numbers them HCM-YYYY-NNNNNN, fills address and district, and audits the creation', async () => {
    const { incident } = await open(ct, {
      type: 'fire',
      subtype: 'structure-fire',
      location: { point: BEN_THANH },
    });
    expect(incident.number).toMatch(/^HCM-\d{4}-\d{6}$/);
    expect(incident.priority).toBe(9);
    expect(incident.status).toBe('new');
    expect(incident.location.district).toBe('Quận 1');
    expect(incident.location.address).toContain('Chợ Bến Thành');
    const second = await open(ct, {
      type: 'medical',
      subtype: 'stroke',
      location: { point: { lat: 10.8387, lon: 106.6653 }, address: '5 Quang Trung' },
    });
    expect(Number(second.incident.number.slice(-6))).toBe(Number(incident.number.slice(-6)) + 1);
    expect(second.incident.location.address).toBe('5 Quang Trung');
    const audit = await listAudit(stack.tdb.db, { targetType: 'incident', targetId: incident.id, limit: 5 });
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([['incident.create', ct.user.username]]);
  });

  it('suggests an open incident of the same type nearby, not a far one or another type', async () => {
    await open(ct, { type: 'fire', subtype: 'market-fire', location: { point: FAR } });
    await open(ct, { type: 'crime', subtype: 'theft', location: { point: NEAR } });
    const { incident, duplicates } = await open(ct, {
      type: 'fire',
      subtype: 'structure-fire',
      location: { point: NEAR },
    });
    expect(duplicates.length).toBeGreaterThan(0);
    expect(
      duplicates.every((d) => d.type === 'fire' && d.distanceM <= 300 && d.incidentId !== incident.id),
    ).toBe(true);
    const res = await ct.fetch(
      `/api/incidents/duplicates?lat=${FAR.lat}&lon=${FAR.lon}&type=fire&radiusM=50`,
    );
    const { candidates } = (await res.json()) as { candidates: DuplicateCandidate[] };
    expect(candidates.map((c) => c.subtype)).toEqual(['market-fire']);
  });

  it('refuses an unknown subtype naming the field, and changes nothing', async () => {
    const before = await snapshotTables(stack.tdb.adminUrl, OPERATIONAL_STATE);
    const res = await ct.fetch('/api/incidents', {
      method: 'POST',
      json: { type: 'fire', subtype: 'volcano', location: { point: BEN_THANH } },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty('subtype');
    expect(await snapshotTables(stack.tdb.adminUrl, OPERATIONAL_STATE)).toEqual(before);
  });

  it('refuses malformed, wrong-typed and oversized bodies with the database unchanged', async () => {
    const before = await snapshotTables(stack.tdb.adminUrl, OPERATIONAL_STATE);
    const bad = [
      { type: 'fire', subtype: 'structure-fire', location: { point: { lat: 'ten', lon: 106.7 } } },
      { type: 'fire', subtype: 'structure-fire', priority: 11, location: { point: BEN_THANH } },
      { subtype: 'structure-fire', location: { point: BEN_THANH } },
    ];
    const fields = [];
    for (const body of bad) {
      const res = await ct.fetch('/api/incidents', { method: 'POST', json: body });
      expect(res.status).toBe(400);
      fields.push(Object.keys(((await res.json()) as { error: { fields: object } }).error.fields));
    }
    expect(fields).toEqual([['location.point.lat'], ['priority'], ['type']]);
    const broken = await ct.fetch('/api/incidents', {
      method: 'POST',
      body: '{"type":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const huge = await ct.fetch('/api/incidents', {
      method: 'POST',
      json: {
        type: 'fire',
        subtype: 'structure-fire',
        location: { point: BEN_THANH },
        note: 'x'.repeat(300_000),
      },
    });
    expect(huge.status).toBe(413);
    expect(await snapshotTables(stack.tdb.adminUrl, OPERATIONAL_STATE)).toEqual(before);
  });

  it('keeps a notes timeline and closes with a disposition', async () => {
    const { incident } = await open(dsp, {
      type: 'other',
      subtype: 'welfare-check',
      location: { point: FAR },
    });
    const noted = await dsp.fetch(`/api/incidents/${incident.id}/notes`, {
      method: 'POST',
      json: { text: 'neighbour has a key' },
    });
    expect(((await noted.json()) as { incident: Incident }).incident.notes.map((n) => n.text)).toEqual([
      'neighbour has a key',
    ]);
    expect(
      (
        await ct.fetch(`/api/incidents/${incident.id}/close`, {
          method: 'POST',
          json: { disposition: 'resolved' },
        })
      ).status,
    ).toBe(403);
    const closed = await sup.fetch(`/api/incidents/${incident.id}/close`, {
      method: 'POST',
      json: { disposition: 'resolved' },
    });
    const body = (await closed.json()) as { incident: Incident };
    expect(body.incident.status).toBe('closed');
    expect(body.incident.disposition).toBe('resolved');
    const again = await dsp.fetch(`/api/incidents/${incident.id}/notes`, {
      method: 'POST',
      json: { text: 'late' },
    });
    expect(again.status).toBe(409);
  });
});

describe('role enforcement on incident routes', () => {
  it('refuses anonymous requests with 401 and wrong roles with 403', async () => {
    const anon = await fetch(`${stack.server.url}/api/incidents`);
    expect(anon.status).toBe(401);
    const admin = await stack.loginAs('admin');
    expect((await admin.fetch('/api/incidents', { method: 'POST', json: {} })).status).toBe(403);
    expect((await sup.fetch('/api/incidents', { method: 'POST', json: {} })).status).toBe(403);
    expect((await ct.fetch('/api/audit')).status).toBe(403);
    expect((await sup.fetch('/api/audit?limit=5')).status).toBe(200);
    expect((await ct.fetch('/api/incidents/not-a-uuid')).status).toBe(400);
    expect((await ct.fetch('/api/incidents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
