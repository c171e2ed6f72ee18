// The picture a camera showed when its alert was raised, kept with the alert (one JPEG per alert) so the
// dispatcher judges what the analytics saw, not what the camera shows minutes later.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE camera_alert_snapshots (
      alert_id uuid PRIMARY KEY REFERENCES camera_alerts(id) ON DELETE CASCADE,
      taken_at timestamptz NOT NULL,
      content_type text NOT NULL CHECK (content_type LIKE 'image/%'),
      image bytea NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE camera_alert_snapshots`.execute(db);
}
