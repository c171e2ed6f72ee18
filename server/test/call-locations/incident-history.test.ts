// An incident carries every location its calls had: the network's PIDF-LO shape, a handset's AML fix, a place the
// call-taker typed and a pin they moved, an unusable one with why; each with its source, time and uncertainty, the
// one in use marked with why, in GET /incidents/:id/locations and in the EIDO export.
import { createHmac } from 'node:crypto';
import type { Incident, IncidentLocationHistory } from '@hcm112/shared';
import { describe, expect, it } from 'vitest';
import { addFixes } from '../../src/call-locations/service.ts';
import { insertCall } from '../../src/calls/repository.ts';
import type { eidoDocument } from '../../src/eido/document.ts';
import { withServer } from '../support/server-stack.ts';

const SECRET = 'aml-secret-of-the-incident-test-0123456789';
const stack = withServer({ env: { AML_SENDERS: `carrier-a:${SECRET}` } });

/** A cell sector as the carrier sent it (GeoJSON [lon, lat]). */
const SECTOR = [
  [106.7, 10.77],
  [106.71, 10.77],
  [106.71, 10.78],
  [106.7, 10.78],
  [106.7, 10.77],
];

async function answeredCallWithSector(number: string) {
  const call = await insertCall(stack.tdb.db, {
    sipCallId: `incident-history-${number}-${Date.now()}@test`,
    callerNumber: number,
    callerIdentity: 'network-asserted',
    callerPrivacy: false,
    dialedNumber: '112',
    service: '112',
    state: 'answered',
    arrivedAt: new Date(Date.now() - 20_000),
    location: null,
    locationRaw: null,
  });
  if (!call) throw new Error('no call');
  // As call control records a PIDF-LO at the INVITE: the polygon's centroid, its covering radius and the shape.
  await addFixes(stack.tdb.db, call.id, [
    {
      source: 'pidf-lo',
      location: {
        point: { lat: 10.775, lon: 106.705 },
        accuracyM: 780,
        source: 'pidf-lo',
        shape: {
          kind: 'polygon',
          geometry: { type: 'Polygon', coordinates: [SECTOR as [number, number][]] },
          altitudeM: null,
          verticalM: null,
        },
        method: 'Cell',
        at: new Date(Date.now() - 15_000).toISOString(),
      },
      problem: null,
      raw: '<presence/>',
    },
    { source: 'pidf-lo', location: null, problem: 'unknown shape gs:Cone', raw: '<presence/>' },
  ]);
  return call;
}

function postAml(number: string, accuracy: number) {
  const body = JSON.stringify({
    device_number: number,
    location_latitude: '10.7771',
    location_longitude: '106.7012',
    location_accuracy: String(accuracy),
    location_time: String(Date.now()),
    location_source: 'wifi',
  });
  return fetch(`${stack.server.url}/api/aml`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-aml-sender': 'carrier-a',
      'x-aml-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
    body,
  });
}

describe('location history of an incident', () => {
  it('lists every location of its calls with source, time and uncertainty, and the one in use with why', async () => {
    const call = await answeredCallWithSector('+84907300001');
    const taker = await stack.loginAs('call-taker');
    const typed = await taker.fetch(`/api/calls/${call.id}/locations`, {
      method: 'POST',
      json: { source: 'manual', point: { lat: 10.776, lon: 106.703 }, accuracyM: 200 },
    });
    expect(typed.status).toBe(201);
    expect((await postAml('+84907300001', 18)).status).toBe(202);
    const created = await taker.fetch('/api/incidents', {
      method: 'POST',
      json: { type: 'medical', subtype: 'cardiac-arrest', callId: call.id },
    });
    expect(created.status).toBe(201);
    const { incident } = (await created.json()) as { incident: Incident };

    const dispatcher = await stack.loginAs('dispatcher');
    const res = await dispatcher.fetch(`/api/incidents/${incident.id}/locations`);
    expect(res.status).toBe(200);
    const { calls } = (await res.json()) as IncidentLocationHistory;
    expect(calls).toHaveLength(1);
    const [history] = calls;
    expect(history).toMatchObject({ callId: call.id, callerNumber: '+84907300001' });
    expect(
      history?.fixes.map((f) => [f.source, f.location?.accuracyM ?? null, f.location?.method ?? null]),
    ).toEqual([
      ['pidf-lo', 780, 'Cell'],
      ['pidf-lo', null, null],
      ['manual', 200, 'typed'],
      ['aml', 18, 'Wi-Fi'],
    ]);
    expect(history?.fixes[1]?.problem).toBe('unknown shape gs:Cone');
    for (const f of history?.fixes ?? []) expect(Date.parse(f.receivedAt)).not.toBeNaN();
    const aml = history?.fixes[3];
    expect(history?.choice).toEqual({ fixId: aml?.id, reason: 'newest' });
    expect(history?.fixes[0]?.location?.shape?.kind).toBe('polygon');
  });

  it('exports every location in the EIDO, the shape as sent, the one in use marked, the unusable with why', async () => {
    const call = await answeredCallWithSector('+84907300002');
    const taker = await stack.loginAs('call-taker');
    const pinned = await taker.fetch(`/api/calls/${call.id}/locations`, {
      method: 'POST',
      json: { source: 'pin', point: { lat: 10.79, lon: 106.69 }, accuracyM: 3000 },
    });
    expect(pinned.status).toBe(201);
    const { incident } = (await (
      await taker.fetch('/api/incidents', {
        method: 'POST',
        json: { type: 'medical', subtype: 'cardiac-arrest', callId: call.id },
      })
    ).json()) as { incident: Incident };

    const dispatcher = await stack.loginAs('dispatcher');
    const res = await dispatcher.fetch(`/api/incidents/${incident.id}/eido`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as ReturnType<typeof eidoDocument>;
    const fixes = doc.locationComponent.filter((c) => 'callReference' in c);
    expect(fixes.map((c) => ('callReference' in c ? c.locationSourceText : null))).toEqual([
      'pidf-lo',
      'pidf-lo',
      'pin',
    ]);
    const [sector, unusable, pin] = fixes.map((c) => c as Extract<typeof c, { callReference: string }>);
    expect(sector).toMatchObject({
      callReference: call.id,
      locationShapeText: 'polygon',
      locationMethodText: 'Cell',
      locationUncertaintyRadiusMeters: 780,
      // The pin is 3 km rough and seconds newer: the 780 m sector stays in use as much more precise.
      locationInUse: true,
      locationInUseReasonText: 'more-precise',
      locationByValue: { geoLocation: { type: 'Polygon', coordinates: [SECTOR] } },
    });
    expect(sector?.locationTimeStamp).toBeTruthy();
    expect(unusable).toMatchObject({
      locationByValue: null,
      locationProblemText: 'unknown shape gs:Cone',
      locationInUse: false,
    });
    expect(pin).toMatchObject({
      locationSourceText: 'pin',
      locationUncertaintyRadiusMeters: 3000,
      locationInUse: false,
      locationByValue: { geoLocation: { type: 'Point', coordinates: [106.69, 10.79] } },
    });
    const callComponent = doc.callComponent.find((c) => c.componentIdentifier === call.id);
    expect(callComponent?.locationReference).toEqual(fixes.map((c) => c.componentIdentifier));
    expect(callComponent?.callLocation).toMatchObject({ uncertaintyRadiusMeters: 780 });
  });

  it('answers 404 for an unknown incident and 401 without a session', async () => {
    const dispatcher = await stack.loginAs('dispatcher');
    const missing = await dispatcher.fetch('/api/incidents/00000000-0000-4000-8000-000000000000/locations');
    expect(missing.status).toBe(404);
    const anonymous = await fetch(
      `${stack.server.url}/api/incidents/00000000-0000-4000-8000-000000000000/locations`,
    );
    expect(anonymous.status).toBe(401);
  });
});
