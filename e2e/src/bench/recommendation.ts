// Recommendation latency with 1,000 and 10,000 units spread over the city (target p99 < 10 ms at 10,000).
import { UNIT_KIND_INFO, UnitKind } from '@hcm112/shared';
import { sql } from 'kysely';
import { createDb } from '@hcm112/server/db/database';
import { recommendUnits } from '@hcm112/server/dispatch/recommend';
import { seededRandom } from '@hcm112/server/seed/random';
import { insertUnits } from '@hcm112/server/units/repository';
import { createBenchDatabase } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const QUERIES = 1000;
const SUBTYPES = [
  ['fire', 'structure-fire'],
  ['medical', 'cardiac-arrest'],
  ['traffic', 'collision-injury'],
  ['crime', 'robbery'],
] as const;

export async function benchRecommendation(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const count of [1000, 10_000]) {
    const bdb = await createBenchDatabase({ city: false });
    try {
      const rnd = seededRandom(count);
      const kinds = UnitKind.options;
      const units = Array.from({ length: count }, (_, i) => {
        const kind = kinds[i % kinds.length]!;
        return {
          callsign: `B-${i}`,
          agency: UNIT_KIND_INFO[kind].agency,
          kind,
          capabilities: [...UNIT_KIND_INFO[kind].capabilities],
          stationId: null,
          position: { lat: rnd.between(10.68, 10.9), lon: rnd.between(106.58, 106.82) },
        };
      });
      for (let i = 0; i < units.length; i += 1000)
        await insertUnits(bdb.db, units.slice(i, i + 1000), new Date());
      // Fresh statistics, as autovacuum keeps them in a running system, so the planner uses the KNN index.
      const owner = createDb(bdb.adminUrl, 1);
      await sql`ANALYZE units`.execute(owner);
      await owner.destroy();
      const at = new Date();
      const times: number[] = [];
      for (let i = 0; i < QUERIES + 50; i++) {
        const [type, subtype] = SUBTYPES[i % SUBTYPES.length]!;
        const point = { lat: rnd.between(10.7, 10.88), lon: rnd.between(106.6, 106.8) };
        const t0 = performance.now();
        await recommendUnits(
          bdb.db,
          { type, subtype, location: { point, address: '', district: null, ward: null } },
          at,
        );
        if (i >= 50) times.push(performance.now() - t0); // the first 50 warm the pool and plan cache
      }
      const s = summarize(times);
      rows.push({
        area: 'dispatch',
        name: `recommendation latency, ${count.toLocaleString('en')} units`,
        ...s,
        target: count === 10_000 ? 'p99 < 10 ms' : undefined,
        met: count === 10_000 ? s.p99Ms < 10 : undefined,
      });
    } finally {
      await bdb.drop();
    }
  }
  return rows;
}
