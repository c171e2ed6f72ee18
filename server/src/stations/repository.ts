// Stations in PostgreSQL.
import type { Agency, Station } from '@hcm112/shared';
import type { Kysely } from 'kysely';
import { latLonOf } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

export async function listStations(db: Kysely<Database>): Promise<Station[]> {
  const rows = await db
    .selectFrom('stations')
    .select([
      'id',
      'code',
      'name',
      'agency',
      'district',
      'ward',
      'address',
      ...latLonOf('stations.point', 'p'),
    ])
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    agency: r.agency as Agency,
    district: r.district,
    ward: r.ward,
    address: r.address,
    point: { lat: r.p_lat!, lon: r.p_lon! },
  }));
}
