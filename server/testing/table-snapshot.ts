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
 * Traces that reads leave by design, which change no data: a session's last use (idle timeout) and the audit
 * row of a read of a caller's history. Left out when every table is fingerprinted.
 */
const READ_TRACES = {
  columns: { sessions: ['last_seen_at'] } as Record<string, string[]>,
  rows: { audit_log: `action <> 'call.history-read'` } as Record<string, string>,
};

/**
 * The row count and md5 of the rows (in a stable order) of each table, by name: the tables and columns of
 * `columns`, or every column of every public table (less READ_TRACES). `besides` leaves out rows a test expects
 * to be added, by table: a SQL condition the rows counted must meet.
 */
export async function snapshotTables(
  databaseUrl: string,
  columns?: Readonly<Record<string, readonly string[]>>,
  besides: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = columns ?? (await everyColumn(client));
    const snapshot: Record<string, string> = {};
    for (const [name, cols] of Object.entries(tables)) {
      const list = cols.map((c) => (c === '*' ? c : `"${c}"`)).join(', ');
      const { rows } = await client.query<{ h: string; n: number }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h, count(*)::int AS n
         FROM (SELECT ${list} FROM "${name}"${where(name, columns, besides[name])}) t`,
      );
      snapshot[name] = `${rows[0]!.n} rows ${rows[0]!.h}`;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

async function everyColumn(client: pg.Client): Promise<Record<string, string[]>> {
  const { rows } = await client.query<{ table: string; column: string }>(
    `SELECT c.table_name AS table, c.column_name AS column
     FROM information_schema.columns c
     JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     ORDER BY 1, c.ordinal_position`,
  );
  const tables: Record<string, string[]> = {};
  for (const { table, column } of rows) {
    if (READ_TRACES.columns[table]?.includes(column)) continue;
    tables[table] = [...(tables[table] ?? []), column];
  }
  return tables;
}

function where(table: string, columns: unknown, besides: string | undefined): string {
  const filters = [columns === undefined ? READ_TRACES.rows[table] : undefined, besides].filter(Boolean);
  return filters.length > 0 ? ` WHERE ${filters.map((f) => `(${f})`).join(' AND ')}` : '';
}
