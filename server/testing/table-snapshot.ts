// A fingerprint of a database's tables, to prove that refused input changed nothing: for server tests (the
// operational state) and whole-system tests (every table) alike.
import pg from 'pg';

/**
 * What a refused request could have changed, by table, leaving out what the server's background work updates
 * on its own (an incident's surfaced cameras, positions): for tests whose server runs that work meanwhile.
 */
export const OPERATIONAL_STATE: Readonly<Record<string, readonly string[]>> = Object.freeze({
  incidents: ['id', 'number', 'type', 'subtype', 'priority', 'status', 'version'],
  incident_notes: ['id'],
  assignments: ['id', 'unit_id', 'incident_id', 'released_at'],
  units: ['id', 'status', 'incident_id', 'version'],
  calls: ['id', 'state', 'incident_id'],
  audit_log: ['id'],
});

/**
 * The row count and md5 of the rows (in a stable order) of each table, by name: the tables and columns of
 * `columns`, or every column of every public table.
 */
export async function snapshotTables(
  databaseUrl: string,
  columns?: Readonly<Record<string, readonly string[]>>,
): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables =
      columns ??
      Object.fromEntries(
        (
          await client.query<{ name: string }>(
            `SELECT table_name AS name FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
          )
        ).rows.map((r) => [r.name, ['*']]),
      );
    const snapshot: Record<string, string> = {};
    for (const [name, cols] of Object.entries(tables)) {
      const list = cols.map((c) => (c === '*' ? c : `"${c}"`)).join(', ');
      const { rows } = await client.query<{ h: string; n: number }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h, count(*)::int AS n
         FROM (SELECT ${list} FROM "${name}") t`,
      );
      snapshot[name] = `${rows[0]!.n} rows ${rows[0]!.h}`;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
