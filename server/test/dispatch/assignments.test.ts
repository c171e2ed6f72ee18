// Dispatch over HTTP: recommendations, assignment under contention (one unit, one incident), unit status,
// AVL position reports and the EIDO export.
import type { Incident, Recommendation, Unit } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import type { eidoDocument } from '../../src/eido/document.ts';
import { unitToken } from '../../src/seed/demo-city.ts';
import { nearestUnits } from '../../src/units/repository.ts';
import { OPERATIONAL_STATE, snapshotTables } from '../../testing/table-snapshot.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({ city: true });
let ct: Client;
let dsp: Client;
let dispatchers: Client[];
beforeAll(async () => {
  ct = await stack.loginAs('call-taker');
  dispatchers = [];
  for (let i = 0; i < 20; i++) dispatchers.push(await stack.loginAs('dispatcher'));
  dsp = dispatchers[0]!;
});

const BEN_THANH = { lat: 10.7725, lon: 106.698 };
let spot = 0;
async function openIncident(type = 'fire', subtype = 'structure-fire'): Promise<Incident> {
  spot += 1;
  // Incidents spread 2 km apart so duplicates do not matter here.
  const point = { lat: 10.7 + spot * 0.02, lon: 106.66 };
  const res = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: { type, subtype, location: { point } },
  });
  return ((await res.json()) as { incident: Incident }).incident;
}

async function unitByCallsign(callsign: string): Promise<Unit> {
  const res = await dsp.fetch('/api/units');
  return ((await res.json()) as { units: Unit[] }).units.find((u) => u.callsign === callsign)!;
}

describe('recommendation', () => {
  it('fills the structure-fire plan with the fire engines that arrive first, with distance and ETA', async () => {
    const res = await ct.fetch('/api/incidents', {
      method: 'POST',
      json: { type: 'fire', subtype: 'structure-fire', location: { point: BEN_THANH } },
    });
    const { incident } = (await res.json()) as { incident: Incident };
    const rec = await dsp.fetch(`/api/incidents/${incident.id}/recommendations`);
    expect(rec.status).toBe(200);
    const { recommendations } = (await rec.json()) as { recommendations: Recommendation[] };
    expect(recommendations.map((r) => r.kind)).toEqual([
      'fire-engine',
      'fire-engine',
      'ladder-truck',
      expect.stringMatching(/^ambulance/),
    ]);
    const nearestEngines = await nearestUnits(stack.tdb.db, BEN_THANH, {
      kinds: ['fire-engine'],
      statuses: ['available'],
      limit: 2,
    });
    // Both engines of the nearest station, the first to arrive by road first.
    expect(
      recommendations
        .slice(0, 2)
        .map((r) => r.callsign)
        .sort(),
    ).toEqual(nearestEngines.map((u) => u.callsign).sort());
    expect(recommendations[0]!.etaSeconds).toBeLessThanOrEqual(recommendations[1]!.etaSeconds);
    expect(recommendations[0]!.callsign).toMatch(/^CH-Q1-1-/);
    expect(recommendations[0]!.etaSeconds).toBeGreaterThan(60);
    expect(recommendations[0]!.fills).toBe('fire engine 1 of 2');
    expect((await ct.fetch(`/api/incidents/${incident.id}/recommendations`)).status).toBe(403);
  });
});

describe('assignment under contention', () => {
  it('lets exactly one of 20 dispatchers take the same unit; the rest get 409 naming the holder', async () => {
    const incidents = await Promise.all(dispatchers.map(() => openIncident()));
    const unit = await unitByCallsign('CH-Q3-1-01');
    const results = await Promise.all(
      dispatchers.map((d, i) =>
        d.fetch(`/api/incidents/${incidents[i]!.id}/assignments`, {
          method: 'POST',
          json: { unitIds: [unit.id] },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = incidents[results.findIndex((r) => r.status === 200)]!;
    const conflict = (await results.find((r) => r.status === 409)!.json()) as {
      error: { details: Record<string, unknown> };
    };
    expect(conflict.error.details).toMatchObject({
      callsign: 'CH-Q3-1-01',
      incidentId: winner.id,
      incidentNumber: winner.number,
    });
    const audit = await listAudit(stack.tdb.db, { limit: 1000 });
    const assigned = audit.filter(
      (a) => a.action === 'incident.assign' && JSON.stringify(a.after).includes(unit.id),
    );
    expect(assigned).toHaveLength(1);
    expect((await unitByCallsign('CH-Q3-1-01')).incidentId).toBe(winner.id);
  });

  it('diverts a committed unit only when asked explicitly, and notes it on both incidents', async () => {
    const [first, second] = [await openIncident(), await openIncident('fire', 'high-rise-fire')];
    const unit = await unitByCallsign('CH-Q5-1-01');
    expect(
      (
        await dsp.fetch(`/api/incidents/${first.id}/assignments`, {
          method: 'POST',
          json: { unitIds: [unit.id] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await dsp.fetch(`/api/incidents/${second.id}/assignments`, {
          method: 'POST',
          json: { unitIds: [unit.id] },
        })
      ).status,
    ).toBe(409);
    const diverted = await dsp.fetch(`/api/incidents/${second.id}/assignments`, {
      method: 'POST',
      json: { unitIds: [unit.id], divert: true },
    });
    expect(diverted.status).toBe(200);
    const after = ((await diverted.json()) as { incident: Incident }).incident;
    expect(after.assignments.map((a) => a.callsign)).toEqual(['CH-Q5-1-01']);
    expect(after.status).toBe('dispatched');
    const old = ((await (await dsp.fetch(`/api/incidents/${first.id}`)).json()) as { incident: Incident })
      .incident;
    expect(old.assignments).toEqual([]);
    expect(old.notes.map((n) => n.text)).toContain(`CH-Q5-1-01 diverted to ${second.number}`);
    const audit = await listAudit(stack.tdb.db, { targetType: 'unit', targetId: unit.id, limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(['unit.divert']);
  });

  it('refuses a call-taker assigning units', async () => {
    const incident = await openIncident();
    const unit = await unitByCallsign('CH-Q10-1-01');
    expect(
      (
        await ct.fetch(`/api/incidents/${incident.id}/assignments`, {
          method: 'POST',
          json: { unitIds: [unit.id] },
        })
      ).status,
    ).toBe(403);
  });
});

describe('unit status', () => {
  it('follows the state machine, moves the incident on scene, and refuses illegal changes with nothing changed', async () => {
    const incident = await openIncident('medical', 'cardiac-arrest');
    const unit = await unitByCallsign('CC-01-01');
    await dsp.fetch(`/api/incidents/${incident.id}/assignments`, {
      method: 'POST',
      json: { unitIds: [unit.id] },
    });
    const set = (status: string) =>
      dsp.fetch(`/api/units/${unit.id}/status`, { method: 'POST', json: { status } });
    const before = await snapshotTables(stack.tdb.adminUrl, OPERATIONAL_STATE);
    const illegal = await set('at-hospital');
    expect(illegal.status).toBe(409);
    expect(((await illegal.json()) as { error: { details: object } }).error.details).toMatchObject({
      from: 'dispatched',
      to: 'at-hospital',
    });
    expect((await set('flying')).status).toBe(400);
    expect(await snapshotTables(stack.tdb.adminUrl, OPERATIONAL_STATE)).toEqual(before);
    for (const s of ['en-route', 'on-scene']) expect((await set(s)).status).toBe(200);
    const onScene = (
      (await (await dsp.fetch(`/api/incidents/${incident.id}`)).json()) as { incident: Incident }
    ).incident;
    expect(onScene.status).toBe('on-scene');
    for (const s of ['transporting', 'at-hospital', 'available']) expect((await set(s)).status).toBe(200);
    const free = await unitByCallsign('CC-01-01');
    expect(free.status).toBe('available');
    expect(free.incidentId).toBeNull();
  });
});

describe('AVL', () => {
  it('accepts positions with the unit token only, and flags stale positions', async () => {
    const unit = await unitByCallsign('CA-Q1-1-01');
    // Seeded at its station with a position from 2026-01-01: parked at home, it is not expected to report.
    expect(unit.positionStale).toBe(false);
    const post = (token: string, body: object) =>
      fetch(`${stack.server.url}/api/avl/units/${unit.id}/positions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-unit-token': token },
        body: JSON.stringify(body),
      });
    expect((await post('wrong', { lat: 10.78, lon: 106.7 })).status).toBe(401);
    expect((await post(unitToken('CA-Q1-1-01'), { lat: 100, lon: 106.7 })).status).toBe(400);
    expect(
      (await post(unitToken('CA-Q1-1-01'), { lat: 10.78, lon: 106.7, heading: 90, speedKmh: 30 })).status,
    ).toBe(202);
    const moved = await unitByCallsign('CA-Q1-1-01');
    expect(moved.position?.point).toEqual({ lat: 10.78, lon: 106.7 });
    expect(moved.positionStale).toBe(false);
  });
});

describe('EIDO export', () => {
  it('returns the incident with type, status, priority, location and each assigned unit with status and ETA', async () => {
    const incident = await openIncident('traffic', 'collision-injury');
    const rec = (
      (await (await dsp.fetch(`/api/incidents/${incident.id}/recommendations`)).json()) as {
        recommendations: Recommendation[];
      }
    ).recommendations;
    await dsp.fetch(`/api/incidents/${incident.id}/assignments`, {
      method: 'POST',
      json: { unitIds: rec.map((r) => r.unitId) },
    });
    const res = await dsp.fetch(`/api/incidents/${incident.id}/eido`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as ReturnType<typeof eidoDocument>;
    expect(doc.eidoVersion).toBe('1.0');
    expect(doc.issuingElementIdentification).toBeTruthy();
    expect(doc.incidentComponent).toMatchObject({
      localIncidentIdentifier: incident.number,
      incidentTypeCommonRegistryText: 'Traffic Accident',
      incidentStatusCommonRegistryText: 'Active.Dispatched',
      incidentCommonPriorityNumber: 8,
    });
    expect(doc.locationComponent[0]!.locationByValue!.geoLocation.coordinates).toEqual([
      incident.location.point.lon,
      incident.location.point.lat,
    ]);
    expect(doc.emergencyResourceComponent).toHaveLength(rec.length);
    for (const r of doc.emergencyResourceComponent) {
      expect(r.resourceStatusCommonRegistryText).toBe('Dispatched');
      expect(r.etaSeconds).toBeGreaterThan(0);
    }
    expect(Array.isArray(doc.callComponent)).toBe(true);
  });
});
