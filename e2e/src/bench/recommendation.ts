// Recommendation latency with 1,000 and 10,000 units spread over the city, ranked by travel time along the real
// streets when the data folder is there (target p99 < 20 ms at 10,000), by straight-line estimates otherwise.
import { UNIT_KIND_INFO, UnitKind } from '@hcm112/shared';
import { sql } from 'kysely';
import { createDb } from '@hcm112/server/db/database';
import { recommendUnits } from '@hcm112/server/dispatch/recommend';
import { loadConfig } from '@hcm112/server/config';
import { createLogger } from '@hcm112/server/logger';
import { loadRoadRouter } from '@hcm112/server/roads/load';
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
  const config = loadConfig();
  const roads = loadRoadRouter(config, createLogger('silent'));
  const byRoad = roads.network !== undefined;
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
      let offered = 0;
      let estimated = 0;
      for (let i = 0; i < QUERIES + 50; i++) {
        const [type, subtype] = SUBTYPES[i % SUBTYPES.length]!;
        const point = { lat: rnd.between(10.7, 10.88), lon: rnd.between(106.6, 106.8) };
        const t0 = performance.now();
        const recs = await recommendUnits(
          bdb.db,
          roads,
          { type, subtype, location: { point, address: '', district: null, ward: null } },
          at,
        );
        if (i < 50) continue; // the first 50 warm the pool and plan cache
        times.push(performance.now() - t0);
        offered += recs.length;
        estimated += recs.filter((r) => r.etaEstimated).length;
      }
      const s = summarize(times);
      rows.push({
        area: 'dispatch',
        name: byRoad
          ? `recommendation latency with road travel times, ${count.toLocaleString('en')} units (${estimated} of ${offered} ETAs estimated)`
          : `recommendation latency, straight-line estimates (no street network), ${count.toLocaleString('en')} units`,
        ...s,
        target: count === 10_000 ? 'p99 < 20 ms' : undefined,
        met: count === 10_000 ? s.p99Ms < 20 : undefined,
      });
    } finally {
      await bdb.drop();
    }
  }
  return rows;
}
