// A fingerprint of every table of the system's database, to prove that refused input changed nothing.
import pg from 'pg';

/** md5 of each public table's rows (in a stable order), by table name. */
export async function snapshotAllTables(databaseUrl: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const snapshot: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ h: string; n: number }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h, count(*)::int AS n
         FROM "${name}" t`,
      );
      snapshot[name] = `${rows[0]!.n} rows ${rows[0]!.h}`;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
