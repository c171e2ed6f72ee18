// The sender's location documents are stored compressed with lz4 (migration 0037): a 13 KB cell polygon's PIDF-LO
// as a call's raw location and in its location history, read back as sent.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withDatabase } from '../support/server-stack.ts';

const stack = withDatabase();

/** A PIDF-LO polygon of `n` corners written as a posList, as an operator's location server sends a cell. */
function cellDocument(n: number): string {
  const corners = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return `${(10.7769 + 0.006 * Math.cos(a)).toFixed(6)} ${(106.7009 + 0.006 * Math.sin(a)).toFixed(6)}`;
  });
  return `<presence xmlns="urn:ietf:params:xml:ns:pidf"><gml:posList>${corners.join(' ')}</gml:posList></presence>`;
}

describe('location documents', () => {
  it('are stored with lz4 in the call and its location history, and read back as sent', async () => {
    const raw = cellDocument(590);
    expect(raw.length).toBeGreaterThan(12_000);
    const db = stack.tdb.db;
    const { rows } = await sql<{ id: string }>`
      INSERT INTO calls (sip_call_id, caller_number, dialed_number, service, state, arrived_at, location_raw)
      VALUES ('lz4-test', '+84909000001', '112', '112', 'queued', now(), ${raw}) RETURNING id`.execute(db);
    const callId = rows[0]!.id;
    await sql`INSERT INTO call_locations (call_id, source, problem, raw) VALUES (${callId}, 'pidf-lo', 'not read here', ${raw})`.execute(
      db,
    );
    // As stored (RETURNING shows the row before PostgreSQL compresses it).
    const back = await sql<{ a: string; b: string; how_a: string | null; how_b: string | null }>`
      SELECT c.location_raw AS a, l.raw AS b, pg_column_compression(c.location_raw) AS how_a,
        pg_column_compression(l.raw) AS how_b
      FROM calls c JOIN call_locations l ON l.call_id = c.id WHERE c.id = ${callId}`.execute(db);
    expect(back.rows[0]).toEqual({ a: raw, b: raw, how_a: 'lz4', how_b: 'lz4' });
  });
});
