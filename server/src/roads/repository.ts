// The AVL history the speed calibration reads: the only SQL of the roads feature.
import type { Kysely } from 'kysely';
import { latLonOf } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

/** Units that reported positions in the window, with their kind. */
export async function unitsWithHistory(db: Kysely<Database>, from: Date, to: Date) {
  return db
    .selectFrom('units')
    .select(['units.id', 'units.kind'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('unit_positions')
          .select('unit_positions.id')
          .whereRef('unit_positions.unit_id', '=', 'units.id')
          .where('unit_positions.at', '>=', from)
          .where('unit_positions.at', '<', to),
      ),
    )
    .orderBy('units.id')
    .execute();
}

/** One unit's fixes in the window, oldest first (unit_positions_unit_at_idx). */
export async function unitFixes(db: Kysely<Database>, unitId: string, from: Date, to: Date) {
  const rows = await db
    .selectFrom('unit_positions')
    .select(['at', ...latLonOf('point', 'p')])
    .where('unit_id', '=', unitId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .execute();
  return rows.map((r) => ({ at: new Date(r.at), point: { lat: r.p_lat!, lon: r.p_lon! } }));
}
