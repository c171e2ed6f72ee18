// Callers who send their location by value (PIDF-LO in the INVITE) in each shape carriers and handsets use:
// the call record keeps the representative point, the radius that covers the shape, and the shape itself.
import type { Call, CallLocationHistory } from '@hcm112/shared';
import { dial } from '@hcm112/telephony/testing';
import { describe, expect, test } from 'vitest';
import { recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack();
const M = 'uom="urn:ogc:def:uom:EPSG::9001"';
const DEG = 'uom="urn:ogc:def:uom:EPSG::9102"';

/** A cell sector as an operator's location server writes it: a polygon as one posList. */
const SECTOR = [
  [10.77, 106.7],
  [10.77, 106.71],
  [10.78, 106.71],
  [10.78, 106.7],
  [10.77, 106.7],
];

async function locatedCall(caller: string, location: string): Promise<Call> {
  await dial(stack.kamailio, caller, {
    scenario: 'caller-with-location-abandons.xml',
    args: ['-d', '200'],
    keys: { location, note: 'shape test' },
  }).ok();
  return recordedCall(stack.tdb, caller, 'abandoned');
}

describe('caller location shapes through Kamailio', () => {
  test('a polygon written as a posList is recorded at its centroid with the covering radius and its shape', async () => {
    const call = await locatedCall(
      '0907100001',
      `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::4326"><gml:exterior><gml:LinearRing><gml:posList>${SECTOR.flat().join(' ')}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`,
    );
    expect(call.callerNumber).toBe('+84907100001');
    expect(call.location?.point.lat).toBeCloseTo(10.775, 4);
    expect(call.location?.point.lon).toBeCloseTo(106.705, 4);
    expect(call.location?.accuracyM).toBeGreaterThan(700);
    expect(call.location).toMatchObject({ source: 'pidf-lo', method: 'gps', shape: { kind: 'polygon' } });
    expect(call.location?.shape?.geometry.type).toBe('Polygon');
  });

  test('an ellipse is recorded at its centre with its semi-major axis as uncertainty', async () => {
    const call = await locatedCall(
      '0907100002',
      `<gs:Ellipse srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>10.7769 106.7009</gml:pos><gs:semiMajorAxis ${M}>120</gs:semiMajorAxis><gs:semiMinorAxis ${M}>40</gs:semiMinorAxis><gs:orientation ${DEG}>30</gs:orientation></gs:Ellipse>`,
    );
    expect(call.location).toMatchObject({
      point: { lat: 10.7769, lon: 106.7009 },
      accuracyM: 120,
      shape: { kind: 'ellipse' },
    });
  });

  test('an arc band is recorded at the centroid of the band, not the antenna', async () => {
    const call = await locatedCall(
      '0907100003',
      `<gs:ArcBand srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>10.77 106.70</gml:pos><gs:innerRadius ${M}>500</gs:innerRadius><gs:outerRadius ${M}>1500</gs:outerRadius><gs:startAngle ${DEG}>170</gs:startAngle><gs:openingAngle ${DEG}>20</gs:openingAngle></gs:ArcBand>`,
    );
    // South of the antenna (bearing 180).
    expect(call.location?.point.lat).toBeLessThan(10.765);
    expect(call.location?.shape?.kind).toBe('arc-band');
  });

  test('a malformed PIDF-LO leaves the call without location, recorded as unusable in its history', async () => {
    const call = await locatedCall('0907100004', '<gml:Point><gml:pos>10.77 106.70</gml:pos></gml:Poin>');
    expect(call).toMatchObject({ location: null, state: 'abandoned', callerNumber: '+84907100004' });
    const history = await historyOf(call.id);
    expect(history.choice).toBeNull();
    expect(history.fixes).toHaveLength(1);
    expect(history.fixes[0]).toMatchObject({ source: 'pidf-lo', location: null });
    expect(history.fixes[0]?.problem).toMatch(/^malformed PIDF-LO XML/);
  });
});

async function historyOf(callId: string): Promise<CallLocationHistory> {
  const supervisor = await stack.loginAs('supervisor');
  const res = await supervisor.fetch(`/api/calls/${callId}/locations`);
  expect(res.status).toBe(200);
  return (await res.json()) as CallLocationHistory;
}

describe('location history of a call', () => {
  test('keeps every location with its source and uses the newest unless an older one is much more precise', async () => {
    const call = await locatedCall(
      '0907100005',
      `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>10.7769 106.7009</gml:pos><gs:radius ${M}>15</gs:radius></gs:Circle>`,
    );
    expect(call.locationChoice).toBe('only');
    const taker = await stack.loginAs('call-taker');
    // A rough pin 1.5 km away: the 15 m fix from seconds ago stays in use.
    const pinned = await taker.fetch(`/api/calls/${call.id}/locations`, {
      method: 'POST',
      json: { source: 'pin', point: { lat: 10.79, lon: 106.7 }, accuracyM: 500 },
    });
    expect(pinned.status).toBe(201);
    const history = await historyOf(call.id);
    expect(history.fixes.map((f) => [f.source, f.location?.accuracyM])).toEqual([
      ['pidf-lo', 15],
      ['pin', 500],
    ]);
    expect(history.choice).toEqual({ fixId: history.fixes[0]?.id, reason: 'more-precise' });
    const after = (await (await taker.fetch(`/api/calls/${call.id}`)).json()) as { call: Call };
    expect(after.call.location?.accuracyM).toBe(15);
    expect(after.call.locationChoice).toBe('more-precise');
  });

  test('refuses a typed location outside the world with 400 naming the field, and keeps the history', async () => {
    const call = await locatedCall('0907100006', '<gml:Point><gml:pos>10.77 106.70</gml:pos></gml:Point>');
    const taker = await stack.loginAs('call-taker');
    const res = await taker.fetch(`/api/calls/${call.id}/locations`, {
      method: 'POST',
      json: { source: 'manual', point: { lat: 95, lon: 106.7 } },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('point.lat');
    expect((await historyOf(call.id)).fixes).toHaveLength(1);
  });
});
