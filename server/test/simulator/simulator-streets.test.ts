// The simulator drives along the streets: on a made-up river city (testing/river-city.ts) a patrol sent from the
// far bank reports every position on a street and crosses by the bridge, never over the water.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Incident, UNIT_KIND_INFO, type Unit } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRoadNetwork } from '../../src/roads/road-network.ts';
import { StreetIndex } from '../../src/roads/snap.ts';
import { hashUnitToken, unitToken } from '../../src/seed/demo-city.ts';
import { UnitSimulator } from '../../src/simulator/simulator.ts';
import { insertUnits } from '../../src/units/repository.ts';
import { RIVER_CITY, RIVER_CITY_POINTS as P } from '../../testing/river-city.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const networkFile = join(tmpdir(), `e112-river-city-sim-${process.pid}.geojson`);
writeFileSync(networkFile, JSON.stringify(RIVER_CITY));
let t = Date.now();
const stack = withServer({ env: { ROAD_NETWORK_FILE: networkFile }, clock: () => new Date(t) });
const streets = new StreetIndex(buildRoadNetwork(RIVER_CITY.features));
let ct: Client;
let dsp: Client;
let unitId: string;
beforeAll(async () => {
  [ct, dsp] = await stack.loginEach('call-taker', 'dispatcher');
  const info = UNIT_KIND_INFO['police-patrol'];
  [unitId] = (await insertUnits(
    stack.tdb.db,
    [
      {
        callsign: 'SIM-EAST',
        agency: info.agency,
        kind: 'police-patrol',
        capabilities: [...info.capabilities],
        stationId: null,
        position: P.acrossRiver,
        avlTokenHash: hashUnitToken(unitToken('SIM-EAST')),
      },
    ],
    new Date(t),
  )) as [string];
});

describe('unit simulator on the streets', () => {
  it('drives from the far bank over the bridge, every reported position on a street', async () => {
    const created = await ct.fetch('/api/incidents', {
      method: 'POST',
      json: { type: 'crime', subtype: 'robbery', location: { point: P.incident } },
    });
    const { incident } = (await created.json()) as { incident: Incident };
    const assigned = await dsp.fetch(`/api/incidents/${incident.id}/assignments`, {
      method: 'POST',
      json: { unitIds: [unitId] },
    });
    expect(assigned.status).toBe(200);
    const sim = new UnitSimulator(stack.server.ctx, {
      turnoutSeconds: 5,
      onSceneSeconds: 600,
      atHospitalSeconds: 30,
      speedKmh: 36, // 100 m per 10 s step
      arrivalMetres: 20,
    });
    const positions: Array<{ lat: number; lon: number }> = [];
    let status = 'dispatched';
    for (let i = 0; i < 200 && status !== 'on-scene'; i++) {
      t += 10_000;
      await sim.step(new Date(t));
      const res = await dsp.fetch(`/api/units/${unitId}`);
      const { unit } = (await res.json()) as { unit: Unit };
      status = unit.status;
      if (unit.status === 'en-route' && unit.position) positions.push(unit.position.point);
    }
    expect(status).toBe('on-scene');
    // Over 6 km by road at 100 m a step: dozens of positions, each on a street, some on the bridge.
    expect(positions.length).toBeGreaterThan(50);
    for (const p of positions.slice(1)) expect(streets.snap(p.lon, p.lat, 3)).toBeDefined();
    expect(positions.some((p) => Math.abs(p.lat - 10.8) < 1e-4 && p.lon > 106.69 && p.lon < 106.705)).toBe(
      true,
    );
  });
});
