// Migration 0007 changes the key of calls from the SIP Call-ID to (Call-ID, arrival): every call stored before it
// keeps its row and id, and afterwards a Call-ID may arrive again as a new call.
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FolderMigrationProvider, migrateToLatest } from '../../src/db/migrate.ts';
import { withDatabase } from '../support/server-stack.ts';

const stack = withDatabase();

const insertCall = (sipCallId: string, arrivedAt: string) =>
  sql<{ id: string }>`
    INSERT INTO calls (sip_call_id, caller_number, dialed_number, service, state, arrived_at)
    VALUES (${sipCallId}, '0901234567', '112', '112', 'ended', ${arrivedAt}) RETURNING id`.execute(
    stack.tdb.adminDb,
  );

describe('migration 0007 (calls keyed by arrival)', () => {
  it('keeps every stored call and lets a Call-ID come again', async () => {
    const migrator = new Migrator({ db: stack.tdb.adminDb, provider: new FolderMigrationProvider() });
    const back = await migrator.migrateTo('0006_session_activity');
    expect(back.error).toBeUndefined();
    const stored: string[] = [];
    for (let i = 0; i < 3; i++)
      stored.push((await insertCall(`stored-${i}@phone`, `2026-12-0${i + 1}T08:00:00Z`)).rows[0]!.id);
    // Before: the Call-ID alone is the key.
    await expect(insertCall('stored-0@phone', '2026-12-06T09:00:00Z')).rejects.toThrow(/unique/);

    await migrateToLatest(stack.tdb.adminDb);
    const rows = await sql<{ id: string }>`SELECT id FROM calls ORDER BY arrived_at`.execute(
      stack.tdb.adminDb,
    );
    expect(rows.rows.map((r) => r.id)).toEqual(stored);
    await insertCall('stored-0@phone', '2026-12-06T09:00:00Z');
    await expect(insertCall('stored-0@phone', '2026-12-06T09:00:00Z')).rejects.toThrow(/unique/);
  });
});
