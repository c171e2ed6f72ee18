// Units and stations carry their 2025 ward in the API: a unit by its position, a unit without one by its station.
import type { Station, Unit } from '@hcm112/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertUnits } from '../../src/units/repository.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer();
let dsp: Client;

/** A square ward of about 1 km around a point. */
async function addWard(name: string, lat: number, lon: number) {
  const d = 0.005;
  const ring = `${lon - d} ${lat - d}, ${lon + d} ${lat - d}, ${lon + d} ${lat + d}, ${lon - d} ${lat + d}, ${lon - d} ${lat - d}`;
  await sql`INSERT INTO districts (code, name, kind, geom)
    VALUES (${name}, ${name}, 'ward', ST_GeomFromText(${`MULTIPOLYGON(((${ring})))`}, 4326))`.execute(
    stack.tdb.db,
  );
}

beforeAll(async () => {
  dsp = await stack.loginAs('dispatcher');
  await addWard('Phường Thử Một', 10.7725, 106.698);
  await addWard('Phường Thử Hai', 10.8, 106.65);
  const station = await stack.tdb.db
    .insertInto('stations')
    .values({
      code: 'ST-WARD',
      name: 'Trạm thử',
      agency: 'ambulance',
      district: null,
      address: '',
      point: sql`ST_GeogFromText('POINT(106.65 10.8)')`,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = (callsign: string, position: { lat: number; lon: number } | null) => ({
    callsign,
    agency: 'ambulance' as const,
    kind: 'ambulance-bls' as const,
    capabilities: ['basic-life-support' as const],
    stationId: station.id,
    position,
  });
  await insertUnits(
    stack.tdb.db,
    [
      unit('W-MOVING', { lat: 10.7726, lon: 106.6981 }),
      unit('W-PARKED', null),
      unit('W-AWAY', { lat: 10.2, lon: 107.5 }),
    ],
    new Date(),
  );
});

describe('the ward of units and stations', () => {
  it('gives each unit the ward of its position, or of its station when it has none, and null outside', async () => {
    const res = await dsp.fetch('/api/units');
    expect(res.status).toBe(200);
    const { units } = (await res.json()) as { units: Unit[] };
    const ward = (callsign: string) => units.find((u) => u.callsign === callsign)?.ward;
    expect(ward('W-MOVING')).toBe('Phường Thử Một');
    expect(ward('W-PARKED')).toBe('Phường Thử Hai');
    expect(ward('W-AWAY')).toBeNull();
  });

  it('follows a unit that drives into another ward', async () => {
    const { units } = (await (await dsp.fetch('/api/units')).json()) as { units: Unit[] };
    const moving = units.find((u) => u.callsign === 'W-MOVING')!;
    await stack.tdb.db
      .updateTable('units')
      .set({ position: sql`ST_GeogFromText('POINT(106.6501 10.8001)')` } as never)
      .where('id', '=', moving.id)
      .execute();
    const res = await dsp.fetch(`/api/units`);
    const after = ((await res.json()) as { units: Unit[] }).units.find((u) => u.id === moving.id);
    expect(after?.ward).toBe('Phường Thử Hai');
  });

  it('gives each station its ward', async () => {
    const res = await dsp.fetch('/api/stations');
    expect(res.status).toBe(200);
    const { stations } = (await res.json()) as { stations: Station[] };
    expect(stations.find((s) => s.code === 'ST-WARD')?.ward).toBe('Phường Thử Hai');
  });
});
