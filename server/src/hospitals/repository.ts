// Hospitals in PostgreSQL: the only SQL of the hospitals feature.
import type { Hospital, HospitalCapability } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import { latLonOf, pointValue } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

export interface HospitalImportRow {
  /** Feature number in the imported file, 1-based: what a report names. */
  row: number;
  code: string;
  name: string;
  address: string;
  phone: string;
  lat: number;
  lon: number;
  capabilities: HospitalCapability[];
}

function selectHospitals(db: Kysely<Database>) {
  return db
    .selectFrom('hospitals')
    .select([
      'id',
      'code',
      'name',
      'address',
      'phone',
      'ward',
      'capabilities',
      'diverting',
      'verified',
      'source',
      'version',
      'updated_at',
      'updated_by',
      ...latLonOf('hospitals.point', 'p'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectHospitals>['execute']>>[number];

const toHospital = (r: Row): Hospital => ({
  id: r.id,
  code: r.code,
  name: r.name,
  address: r.address,
  phone: r.phone,
  point: { lat: r.p_lat!, lon: r.p_lon! },
  ward: r.ward,
  capabilities: r.capabilities as HospitalCapability[],
  diverting: r.diverting,
  verified: r.verified,
  source: r.source,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});

export async function listHospitals(db: Kysely<Database>): Promise<Hospital[]> {
  return (await selectHospitals(db).orderBy('name').orderBy('id').execute()).map(toHospital);
}

export async function findHospital(db: Kysely<Database>, id: string): Promise<Hospital | null> {
  const row = await selectHospitals(db).where('id', '=', id).executeTakeFirst();
  return row ? toHospital(row) : null;
}

export async function updateHospital(
  db: Kysely<Database>,
  id: string,
  version: number,
  change: { capabilities?: HospitalCapability[]; diverting?: boolean; verified?: boolean },
  by: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('hospitals')
    .set({
      ...(change.capabilities && { capabilities: change.capabilities }),
      ...(change.diverting !== undefined && { diverting: change.diverting }),
      ...(change.verified !== undefined && { verified: change.verified }),
      version: sql`version + 1`,
      updated_at: at,
      updated_by: by,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Imported rows: new hospitals come in unverified with the suggested capabilities; a hospital already known
 * keeps what the centre configured (capabilities, diversion, verification) and only takes the new place and name.
 */
export async function upsertImportedHospitals(
  db: Kysely<Database>,
  rows: HospitalImportRow[],
  source: string,
): Promise<{ created: number; updated: number }> {
  if (rows.length === 0) return { created: 0, updated: 0 };
  const result = await db
    .insertInto('hospitals')
    .values(
      rows.map((r) => ({
        code: r.code,
        name: r.name,
        address: r.address,
        phone: r.phone,
        point: pointValue({ lat: r.lat, lon: r.lon }),
        capabilities: r.capabilities,
        source,
        updated_by: source,
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        address: eb.ref('excluded.address'),
        phone: eb.ref('excluded.phone'),
        point: eb.ref('excluded.point'),
      })),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  const created = result.filter((r) => r.inserted).length;
  return { created, updated: result.length - created };
}

/** The generated city's stand-in hospitals give way to a real import. */
export async function removeDemoHospitals(db: Kysely<Database>): Promise<number> {
  const r = await db.deleteFrom('hospitals').where('source', '=', 'demo').executeTakeFirst();
  return Number(r.numDeletedRows);
}
