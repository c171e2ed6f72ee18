// Timeline lines the system writes carry a code and its parameters, so each console renders them in its own
// language; `text` stays (English) for rows written before and for readers that do not know the codes.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE incident_notes ADD COLUMN code text, ADD COLUMN params jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE incident_notes DROP COLUMN code, DROP COLUMN params`.execute(db);
}
