// Where a SIP text session goes if it waits too long, as Kamailio named it at the session's arrival: kept so a
// session queued again after call control was away still overflows like a call (null for a web chat, or none).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE text_sessions ADD COLUMN planned_overflow_to text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE text_sessions DROP COLUMN planned_overflow_to`.execute(db);
}
