// A snapshot of the operational tables, to prove a refused request changed nothing.
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

export async function snapshotTables(db: Db): Promise<string> {
  const rows = await sql<{ t: string }>`
    SELECT json_build_object(
      'incidents', (SELECT json_agg(i ORDER BY i.id) FROM (SELECT id, number, type, subtype, priority, status, version FROM incidents) i),
      'notes', (SELECT count(*) FROM incident_notes),
      'assignments', (SELECT json_agg(a ORDER BY a.id) FROM (SELECT id, unit_id, incident_id, released_at FROM assignments) a),
      'units', (SELECT json_agg(u ORDER BY u.id) FROM (SELECT id, status, incident_id, version FROM units) u),
      'calls', (SELECT json_agg(c ORDER BY c.id) FROM (SELECT id, state, incident_id FROM calls) c),
      'audit', (SELECT count(*) FROM audit_log)
    )::text AS t`.execute(db);
  return rows.rows[0]!.t;
}
