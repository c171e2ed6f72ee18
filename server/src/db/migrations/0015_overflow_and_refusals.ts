// Calls the centre could not take itself are on record: where an overflowed call went and why, and emergency
// INVITEs the SIP edge refused (flood, queue full, malformed) with the reason, the source address and, for a
// flood folded into one row, how many.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calls
    ADD COLUMN overflow_to text,
    ADD COLUMN overflow_reason text,
    ADD COLUMN refused_reason text,
    ADD COLUMN refused_source text,
    ADD COLUMN refused_count integer NOT NULL DEFAULT 0 CHECK (refused_count >= 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calls DROP COLUMN overflow_to, DROP COLUMN overflow_reason, DROP COLUMN refused_reason,
    DROP COLUMN refused_source, DROP COLUMN refused_count`.execute(db);
}
