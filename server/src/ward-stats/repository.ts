// Incidents and calls counted by 2025 ward since a moment: the only SQL of the ward statistics.
import type { WardLoad } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function wardLoads(db: Kysely<Database>, since: Date): Promise<WardLoad[]> {
  const r = await sql<{ ward: string | null; open: number; today: number; calls: number }>`
    SELECT ward, sum(open)::int AS open, sum(today)::int AS today, sum(calls)::int AS calls FROM (
      SELECT ward, (status <> 'closed')::int AS open, (created_at >= ${since})::int AS today, 0 AS calls
      FROM incidents WHERE status <> 'closed' OR created_at >= ${since}
      UNION ALL
      SELECT ward, 0, 0, 1 FROM calls WHERE arrived_at >= ${since}
    ) x GROUP BY ward
    ORDER BY sum(open) DESC, sum(today) DESC, sum(calls) DESC, ward NULLS LAST`.execute(db);
  return r.rows.map((w) => ({
    ward: w.ward,
    openIncidents: w.open,
    incidentsToday: w.today,
    callsToday: w.calls,
  }));
}
