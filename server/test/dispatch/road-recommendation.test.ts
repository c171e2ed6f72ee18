// Recommendations and the assigned units' routes over HTTP, on a made-up street network with a river and one
// bridge (testing/river-city.ts): travel times follow the streets, and off them they say they are estimates.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Incident, type Recommendation, UNIT_KIND_INFO, type UnitRoute } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertUnits } from '../../src/units/repository.ts';
import { RIVER_CITY, RIVER_CITY_POINTS as P } from '../../testing/river-city.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const networkFile = join(tmpdir(), `e112-river-city-${process.pid}.geojson`);
writeFileSync(networkFile, JSON.stringify(RIVER_CITY));
const stack = withServer({ env: { ROAD_NETWORK_FILE: networkFile } });
let ct: Client;
let dsp: Client;
const ids: Record<string, string> = {};
beforeAll(async () => {
  [ct, dsp] = await stack.loginEach('call-taker', 'dispatcher');
  const info = UNIT_KIND_INFO['ambulance-als'];
  const units = [
    ['ACROSS-RIVER', P.acrossRiver],
    ['SAME-BANK', P.sameBank],
  ] as const;
  const inserted = await insertUnits(
    stack.tdb.db,
    units.map(([callsign, position]) => ({
      callsign,
      agency: info.agency,
      kind: 'ambulance-als' as const,
      capabilities: [...info.capabilities],
      stationId: null,
      position,
    })),
    new Date(),
  );
  units.forEach(([callsign], i) => {
    ids[callsign] = inserted[i]!;
  });
});

async function incidentAt(point: { lat: number; lon: number }): Promise<Incident> {
  const res = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: { type: 'medical', subtype: 'stroke', location: { point } },
  });
  return ((await res.json()) as { incident: Incident }).incident;
}

async function recommendations(incident: Incident): Promise<Recommendation[]> {
  const res = await dsp.fetch(`/api/incidents/${incident.id}/recommendations`);
  return ((await res.json()) as { recommendations: Recommendation[] }).recommendations;
}

describe('recommendation by road', () => {
  it('offers the unit on the same bank before the one across the river at the same straight-line distance', async () => {
    // The plan asks for one ambulance: the one that arrives first by road, though both are 550 m away.
    const [first, ...rest] = await recommendations(await incidentAt(P.incident));
    expect(rest).toEqual([]);
    expect(first!.callsign).toBe('SAME-BANK');
    expect(first!.etaEstimated).toBe(false);
    expect(first!.roadMetres).toBeLessThan(700);
  });

  it('marks the ETA estimated for an incident off the street network', async () => {
    const [first] = await recommendations(await incidentAt(P.offNetwork));
    expect(first!.etaEstimated).toBe(true);
  });

  it('draws the assigned unit route over the bridge with its ETA', async () => {
    const incident = await incidentAt({ lat: P.incident.lat, lon: P.incident.lon - 0.0003 });
    const assigned = await dsp.fetch(`/api/incidents/${incident.id}/assignments`, {
      method: 'POST',
      json: { unitIds: [ids['ACROSS-RIVER']] },
    });
    expect(assigned.status).toBe(200);
    const res = await dsp.fetch(`/api/incidents/${incident.id}/routes`);
    expect(res.status).toBe(200);
    const { routes } = (await res.json()) as { routes: UnitRoute[] };
    expect(routes).toHaveLength(1);
    const [route] = routes;
    expect(route!.callsign).toBe('ACROSS-RIVER');
    expect(route!.estimated).toBe(false);
    expect(route!.metres).toBeGreaterThan(6000);
    expect(route!.path.some(([lon, lat]) => lon === 106.705 && lat === 10.8)).toBe(true);
    expect(route!.etaSeconds).toBeGreaterThan(0);
    expect((await ct.fetch(`/api/incidents/${incident.id}/routes`)).status).toBe(403);
  });
});
