// Cameras feature: the point each incident's camera list was computed for (so a read can tell a stale list),
// the indexes surfacing, health checks and alert lists use, and when an analytics source was created.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incident_camera_runs (
      incident_id uuid PRIMARY KEY REFERENCES incidents(id),
      point geography(Point, 4326) NOT NULL,
      computed_at timestamptz NOT NULL
    )`.execute(db);
  // max(range_m) bounds the indexed ST_DWithin search; a btree answers it from one index page.
  await sql`CREATE INDEX cameras_range_idx ON cameras (range_m)`.execute(db);
  await sql`CREATE INDEX cameras_streamed_idx ON cameras (code) WHERE stream_url IS NOT NULL`.execute(db);
  await sql`CREATE INDEX incident_cameras_camera_idx ON incident_cameras (camera_id)`.execute(db);
  await sql`CREATE INDEX camera_alerts_status_idx ON camera_alerts (status, last_at DESC)`.execute(db);
  await sql`ALTER TABLE alert_sources ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE alert_sources DROP COLUMN created_at`.execute(db);
  await sql`DROP INDEX camera_alerts_status_idx`.execute(db);
  await sql`DROP INDEX incident_cameras_camera_idx`.execute(db);
  await sql`DROP INDEX cameras_streamed_idx`.execute(db);
  await sql`DROP INDEX cameras_range_idx`.execute(db);
  await sql`DROP TABLE incident_camera_runs`.execute(db);
}
