import { describe, expect, it } from 'vitest';
import { makeIncident, makeUnit } from '../test/factories.ts';
import { NO_FILTER, statusCounts, unitBoardRows, wardsOf } from './unit-board-view.ts';

const fire = makeIncident({
  location: { point: { lat: 10.7725, lon: 106.698 }, address: 'Chợ Bến Thành', district: null, ward: null },
});
const near = makeUnit({
  callsign: 'FE-NEAR',
  status: 'en-route',
  incidentId: fire.id,
  ward: 'Phường Bến Thành',
  position: {
    point: { lat: 10.7815, lon: 106.698 },
    heading: null,
    speedKmh: null,
    at: new Date().toISOString(),
  },
});
const far = makeUnit({
  callsign: 'FE-FAR',
  status: 'dispatched',
  incidentId: fire.id,
  ward: 'Phường Sài Gòn',
  position: {
    point: { lat: 10.8175, lon: 106.698 },
    heading: null,
    speedKmh: null,
    at: new Date().toISOString(),
  },
});
const amb = makeUnit({
  callsign: 'AM-01',
  agency: 'ambulance',
  kind: 'ambulance-bls',
  ward: 'Phường Sài Gòn',
});
const units = [amb, far, near];
const incidents = { [fire.id]: fire };

describe('unit board view', () => {
  it('gives assigned units their distance to the incident and the ETA of their route, and sorts by them', () => {
    const routes = [
      {
        unitId: far.id,
        callsign: far.callsign,
        kind: far.kind,
        status: far.status,
        etaSeconds: 200,
        metres: 5200,
        estimated: false,
        path: [],
      },
      {
        unitId: near.id,
        callsign: near.callsign,
        kind: near.kind,
        status: near.status,
        etaSeconds: 400,
        metres: 1100,
        estimated: false,
        path: [],
      },
    ];
    const byEta = unitBoardRows(units, incidents, routes, { ...NO_FILTER, sort: 'eta' });
    expect(byEta.map((r) => r.unit.callsign)).toEqual(['FE-FAR', 'FE-NEAR', 'AM-01']);
    expect(byEta[1]).toMatchObject({ etaSeconds: 400, distanceM: 1001 });
    const byDistance = unitBoardRows(units, incidents, routes, { ...NO_FILTER, sort: 'distance' });
    expect(byDistance.map((r) => r.unit.callsign)).toEqual(['FE-NEAR', 'FE-FAR', 'AM-01']);
    expect(byDistance[2]?.distanceM).toBeNull();
  });

  it('filters by agency, ward and callsign, counting statuses among what the other filters leave', () => {
    const f = { ...NO_FILTER, ward: 'Phường Sài Gòn' };
    expect(unitBoardRows(units, incidents, [], f).map((r) => r.unit.callsign)).toEqual(['FE-FAR', 'AM-01']);
    expect(unitBoardRows(units, incidents, [], { ...f, agency: 'fire' }).map((r) => r.unit.callsign)).toEqual(
      ['FE-FAR'],
    );
    expect(
      unitBoardRows(units, incidents, [], { ...NO_FILTER, callsign: 'near' }).map((r) => r.unit.callsign),
    ).toEqual(['FE-NEAR']);
    expect(statusCounts(units, f)).toEqual({ dispatched: 1, available: 1 });
    expect(wardsOf(units)).toEqual(['Phường Bến Thành', 'Phường Sài Gòn']);
  });
});
