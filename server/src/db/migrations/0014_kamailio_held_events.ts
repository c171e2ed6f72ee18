// Events Kamailio keeps while call control is away, written by Kamailio itself (route[HELD_STORE]) so that a
// restart of Kamailio does not lose them; read back by its next run and deleted once call control has them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // boot: when that run of Kamailio started ($TV(Sn)); seq: the event's number within the run.
  await sql`
    CREATE TABLE kamailio_held_events (
      boot numeric NOT NULL,
      seq bigint NOT NULL,
      happened_at timestamptz NOT NULL,
      event text NOT NULL,
      saved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (boot, seq)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE kamailio_held_events`.execute(db);
}
