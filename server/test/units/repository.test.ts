// The units repository on PostGIS: nearest units by real distance.
import { describe, expect, it } from 'vitest';
import { insertUnits, nearestUnits } from '../../src/units/repository.ts';
import { withDatabase } from '../support/server-stack.ts';

const stack = withDatabase();

describe('units repository (PostGIS)', () => {
  it('returns units nearest first by real distance', async () => {
    const benThanh = { lat: 10.7725, lon: 106.698 };
    // 1 km, 300 m and 5 km from Ben Thanh market, inserted out of order.
    await insertUnits(
      stack.tdb.db,
      [
        {
          callsign: 'T-FAR',
          agency: 'fire',
          kind: 'fire-engine',
          capabilities: ['fire-suppression'],
          stationId: null,
          position: { lat: 10.8175, lon: 106.698 },
        },
        {
          callsign: 'T-NEAR',
          agency: 'fire',
          kind: 'fire-engine',
          capabilities: ['fire-suppression'],
          stationId: null,
          position: { lat: 10.7752, lon: 106.698 },
        },
        {
          callsign: 'T-MID',
          agency: 'fire',
          kind: 'fire-engine',
          capabilities: ['fire-suppression'],
          stationId: null,
          position: { lat: 10.7815, lon: 106.698 },
        },
        {
          callsign: 'T-AMB',
          agency: 'ambulance',
          kind: 'ambulance-als',
          capabilities: ['advanced-life-support'],
          stationId: null,
          position: { lat: 10.7726, lon: 106.698 },
        },
      ],
      new Date(),
    );
    const rows = await nearestUnits(stack.tdb.db, benThanh, { agencies: ['fire'], limit: 10 });
    expect(rows.map((r) => r.callsign)).toEqual(['T-NEAR', 'T-MID', 'T-FAR']);
    expect(rows[0]!.distance_m).toBeGreaterThan(250);
    expect(rows[0]!.distance_m).toBeLessThan(350);
  });
});
