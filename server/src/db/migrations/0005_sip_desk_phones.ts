// Desk phones' SIP passwords as HA1 digests, and the one view Kamailio's own database role may read.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sip_desk_phone_passwords (
      extension text PRIMARY KEY CHECK (extension ~ '^[0-9]{3,8}$'),
      ha1 text NOT NULL CHECK (ha1 ~ '^[0-9a-f]{32}$'),
      realm text NOT NULL,
      set_at timestamptz NOT NULL DEFAULT now(),
      set_by uuid REFERENCES users(id) ON DELETE SET NULL
    )`.execute(db);
  // An extension belongs to nobody unless an active user has it: its password then stops working at once,
  // without deleting it, and works again if the extension is handed back.
  await sql`
    CREATE VIEW sip_desk_phones AS
      SELECT p.extension, p.realm, p.ha1
      FROM sip_desk_phone_passwords p
      JOIN users u ON u.sip_extension = p.extension AND u.active`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP VIEW sip_desk_phones`.execute(db);
  await sql`DROP TABLE sip_desk_phone_passwords`.execute(db);
}
