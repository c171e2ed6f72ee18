// The caller's video (sent through a location link) is recorded with the call: call_recordings gets a kind
// (audio, video) and, for video, the link it came through; one video recording per link, one audio per call.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE call_recordings
      ADD COLUMN kind text NOT NULL DEFAULT 'audio' CHECK (kind IN ('audio', 'video')),
      ADD COLUMN link_id uuid REFERENCES caller_links(id),
      ADD CONSTRAINT call_recordings_video_link CHECK ((kind = 'video') = (link_id IS NOT NULL))`.execute(db);
  await sql`DROP INDEX call_recordings_call_key`.execute(db);
  await sql`
    CREATE UNIQUE INDEX call_recordings_call_key ON call_recordings (call_id)
      WHERE leg_id IS NULL AND kind = 'audio'`.execute(db);
  await sql`CREATE UNIQUE INDEX call_recordings_link_key ON call_recordings (link_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM call_recordings WHERE kind = 'video'`.execute(db);
  await sql`DROP INDEX call_recordings_link_key`.execute(db);
  await sql`DROP INDEX call_recordings_call_key`.execute(db);
  await sql`CREATE UNIQUE INDEX call_recordings_call_key ON call_recordings (call_id) WHERE leg_id IS NULL`.execute(
    db,
  );
  await sql`ALTER TABLE call_recordings DROP CONSTRAINT call_recordings_video_link`.execute(db);
  await sql`ALTER TABLE call_recordings DROP COLUMN link_id, DROP COLUMN kind`.execute(db);
}
