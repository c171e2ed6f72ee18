// Writes a generated demo city into PostgreSQL in one transaction (the only seed SQL).
import { UNIT_KIND_INFO, type UnitKind } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import { pointValue } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';
import { DEMO_ANALYTICS_SOURCE } from './demo-cameras.ts';
import type { DemoCity } from './demo-city.ts';
import { suggestCapabilities } from '../hospitals/import-rows.ts';

const CHUNK = 500;

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

const geoJson = (g: unknown) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;

export async function hasCityData(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) > 0;
}

/** Empties every table but the audit log, which is append-only by design. */
export async function clearCityData(db: Kysely<Database>): Promise<void> {
  await sql`TRUNCATE incident_cameras, incident_camera_runs, camera_alerts, alert_sources, assignments, incident_notes, unit_positions,
    units, calls, incidents, incident_counters, stations, cameras, hospitals, gazetteer, roads, districts, sessions, users
    RESTART IDENTITY CASCADE`.execute(db);
}

export async function insertCity(db: Kysely<Database>, city: DemoCity, now: Date): Promise<void> {
  await inChunks(city.districts, (c) =>
    db
      .insertInto('districts')
      .values(
        c.map((d) => ({
          code: d.code,
          name: d.name,
          kind: 'district' as const,
          parent_name: null,
          population: d.population,
          area_km2: d.areaKm2,
          geom: geoJson(d.geometry),
        })),
      )
      .execute(),
  );
  await inChunks(city.roads, (c) =>
    db
      .insertInto('roads')
      .values(c.map((r) => ({ name: r.name, road_class: r.roadClass, geom: geoJson(r.geometry) })))
      .execute(),
  );
  await inChunks(city.gazetteer, (c) =>
    db
      .insertInto('gazetteer')
      .values(
        c.map((g) => ({
          kind: g.kind,
          name: g.name,
          search_text: g.searchText,
          district: g.district,
          ward: null,
          point: pointValue(g.point),
        })),
      )
      .execute(),
  );
  // The generated city's hospitals are ambulance destinations too, unverified like any import.
  const hospitals = city.gazetteer.filter((g) => g.kind === 'hospital');
  if (hospitals.length)
    await db
      .insertInto('hospitals')
      .values(
        hospitals.map((h, i) => ({
          code: `demo-${i + 1}`,
          name: h.name,
          point: pointValue(h.point),
          capabilities: suggestCapabilities(h.name),
          source: 'demo',
        })),
      )
      .execute();
  const stationIds = new Map<string, string>();
  await inChunks(city.stations, async (c) => {
    const rows = await db
      .insertInto('stations')
      .values(
        c.map((s) => ({
          code: s.code,
          name: s.name,
          agency: s.agency,
          district: s.district,
          address: s.address,
          point: pointValue(s.point),
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of rows) stationIds.set(r.code, r.id);
  });
  await inChunks(city.units, (c) =>
    db
      .insertInto('units')
      .values(
        c.map((u) => ({
          callsign: u.callsign,
          agency: u.agency,
          kind: u.kind,
          capabilities: unitCapabilities(u.kind),
          station_id: stationIds.get(u.stationCode) ?? null,
          position: pointValue(u.point),
          position_at: now,
          avl_token_hash: u.avlTokenHash,
        })),
      )
      .execute(),
  );
  await db
    .insertInto('alert_sources')
    .values({ name: DEMO_ANALYTICS_SOURCE.name, secret: DEMO_ANALYTICS_SOURCE.secret })
    .execute();
  await inChunks(city.cameras, (c) =>
    db
      .insertInto('cameras')
      .values(
        c.map((cam) => ({
          code: cam.code,
          name: cam.name,
          point: pointValue(cam.point),
          bearing_deg: cam.bearingDeg,
          fov_deg: cam.fovDeg,
          range_m: cam.rangeM,
          layer: cam.layer,
          owner: cam.owner,
          ptz: cam.ptz,
          district: cam.district,
          stream_kind: cam.streamKind,
          stream_url: cam.streamUrl,
        })),
      )
      .execute(),
  );
}

function unitCapabilities(kind: UnitKind): string[] {
  return [...UNIT_KIND_INFO[kind].capabilities];
}
