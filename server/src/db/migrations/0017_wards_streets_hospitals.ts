// The real city: every located row gets its 2025 ward from the ward polygons, streets keep their OSM class and a
// searchable name, and hospitals become configurable ambulance destinations.
import { type Kysely, sql } from 'kysely';

// The ward a located row lies in, computed by the database itself so that every writer (API, simulator, AVL,
// imports) agrees; NULL outside every ward (a caller on the boundary is still served, the consoles warn).
const TABLES: ReadonlyArray<readonly [table: string, column: string]> = [
  ['calls', 'location'],
  ['incidents', 'point'],
  ['cameras', 'point'],
  ['stations', 'point'],
  ['units', 'position'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE districts ADD COLUMN before_merger text`.execute(db);
  await sql`ALTER TABLE districts ADD COLUMN label_point geometry(Point, 4326)`.execute(db);
  await sql`
    CREATE FUNCTION ward_at(p geography) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT name FROM districts
      WHERE kind = 'ward' AND p IS NOT NULL AND ST_Intersects(geom, p::geometry)
      ORDER BY id LIMIT 1
    $$`.execute(db);
  for (const [table, column] of TABLES) {
    if (table !== 'incidents') await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN ward text`.execute(db);
    await sql
      .raw(`
      CREATE FUNCTION ${table}_set_ward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.ward := COALESCE(ward_at(NEW.${column}), CASE WHEN NEW.${column} IS NULL THEN NULL ELSE NEW.ward END);
        RETURN NEW;
      END $$`)
      .execute(db);
    await sql
      .raw(`
      CREATE TRIGGER ${table}_ward BEFORE INSERT OR UPDATE OF ${column} ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_set_ward()`)
      .execute(db);
  }

  await sql`ALTER TABLE roads ADD COLUMN osm_id bigint`.execute(db);
  await sql`ALTER TABLE roads ADD COLUMN osm_class text`.execute(db);
  await sql`ALTER TABLE roads ADD COLUMN oneway boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE roads ADD COLUMN search_text text`.execute(db);
  await sql`CREATE INDEX roads_search_idx ON roads (search_text)`.execute(db);

  await sql`
    CREATE TABLE hospitals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      address text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      point geography(Point, 4326) NOT NULL,
      ward text,
      capabilities text[] NOT NULL DEFAULT '{}',
      diverting boolean NOT NULL DEFAULT false,
      verified boolean NOT NULL DEFAULT false,
      source text NOT NULL DEFAULT 'manual',
      version integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text
    )`.execute(db);
  await sql`CREATE INDEX hospitals_point_idx ON hospitals USING gist (point)`.execute(db);
  await sql`
    CREATE FUNCTION hospitals_set_ward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.ward := COALESCE(ward_at(NEW.point), NEW.ward);
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER hospitals_ward BEFORE INSERT OR UPDATE OF point ON hospitals
    FOR EACH ROW EXECUTE FUNCTION hospitals_set_ward()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE hospitals`.execute(db);
  await sql`DROP FUNCTION hospitals_set_ward()`.execute(db);
  for (const [table] of TABLES) {
    await sql.raw(`DROP TRIGGER ${table}_ward ON ${table}`).execute(db);
    await sql.raw(`DROP FUNCTION ${table}_set_ward()`).execute(db);
    if (table !== 'incidents') await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN ward`.execute(db);
  }
  await sql`DROP FUNCTION ward_at(geography)`.execute(db);
  await sql`ALTER TABLE roads DROP COLUMN osm_id, DROP COLUMN osm_class, DROP COLUMN oneway, DROP COLUMN search_text`.execute(
    db,
  );
  await sql`ALTER TABLE districts DROP COLUMN before_merger, DROP COLUMN label_point`.execute(db);
}
