// What the demo simulator reads: committed units with where they are and where they go.
import { type Kysely, sql } from 'kysely';
import { latLonOf } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

export async function unitsToSimulate(db: Kysely<Database>) {
  return (
    db
      .selectFrom('units')
      .leftJoin('incidents', 'incidents.id', 'units.incident_id')
      .leftJoin('stations', 'stations.id', 'units.station_id')
      .select([
        'units.id',
        'units.callsign',
        'units.kind',
        'units.agency',
        'units.status',
        'units.updated_at',
        'incidents.type as inc_type',
        'incidents.subtype as inc_subtype',
        ...latLonOf('units.position', 'pos'),
        ...latLonOf('incidents.point', 'inc'),
        ...latLonOf('stations.point', 'home'),
      ])
      .where((eb) =>
        eb.or([
          eb('units.status', 'in', ['dispatched', 'en-route', 'on-scene', 'transporting', 'at-hospital']),
          // Available units away from their station drive back to it.
          eb.and([
            eb('units.status', '=', 'available'),
            sql<boolean>`ST_Distance(units.position, stations.point) > 50`,
          ]),
        ]),
      )
      // A unit with a paired crew device reports for itself: the simulator leaves it to its crew.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('unit_devices')
              .select('unit_devices.id')
              .whereRef('unit_devices.unit_id', '=', 'units.id')
              .where('unit_devices.revoked_at', 'is', null)
              .where('unit_devices.expires_at', '>', sql<Date>`now()`),
          ),
        ),
      )
      .execute()
  );
}
