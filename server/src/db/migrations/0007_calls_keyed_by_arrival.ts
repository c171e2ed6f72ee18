// A SIP Call-ID is chosen by the caller's phone and may come again: a call is now one Call-ID *arriving at one
// time*, so a reused Call-ID makes a new call instead of being dropped and rewriting the older one. Every stored
// call keeps its row and id.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calls DROP CONSTRAINT calls_sip_call_id_key`.execute(db);
  await sql`CREATE UNIQUE INDEX calls_sip_call_id_arrival_key ON calls (sip_call_id, arrived_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX calls_sip_call_id_arrival_key`.execute(db);
  await sql`ALTER TABLE calls ADD CONSTRAINT calls_sip_call_id_key UNIQUE (sip_call_id)`.execute(db);
}
