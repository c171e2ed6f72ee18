// Crews' devices: one-time pairing codes, device credentials bound to a unit (stored hashed), the reports a device
// made (one row per idempotency key, so an offline resend is applied once), and the crew's acknowledgement time.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE assignments ADD COLUMN acknowledged_at timestamptz`.execute(db);
  await sql`
    CREATE TABLE unit_devices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES units(id),
      credential_hash text NOT NULL UNIQUE,
      label text NOT NULL DEFAULT '',
      paired_at timestamptz NOT NULL,
      paired_by uuid REFERENCES users(id),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users(id),
      last_seen_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX unit_devices_active_idx ON unit_devices (unit_id) WHERE revoked_at IS NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE device_pairing_codes (
      code_hash text PRIMARY KEY,
      unit_id uuid NOT NULL REFERENCES units(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      device_id uuid REFERENCES unit_devices(id)
    )`.execute(db);
  await sql`
    CREATE TABLE device_reports (
      device_id uuid NOT NULL REFERENCES unit_devices(id),
      key text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('position', 'status', 'note', 'ack')),
      reported_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (device_id, key)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE device_reports`.execute(db);
  await sql`DROP TABLE device_pairing_codes`.execute(db);
  await sql`DROP TABLE unit_devices`.execute(db);
  await sql`ALTER TABLE assignments DROP COLUMN acknowledged_at`.execute(db);
}
