// The street network behind road travel times: how long the server takes to build it at start and what it holds
// in memory, and one route (what the dispatch map draws per assigned unit) across the city.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '@hcm112/server/config';
import { readRoadNetwork, roadNetworkFile } from '@hcm112/server/roads/load';
import { RoadRouter } from '@hcm112/server/roads/router';
import { DEFAULT_TRAVEL_MODEL } from '@hcm112/server/roads/travel-model';
import { seededRandom } from '@hcm112/server/seed/random';
import { type BenchRow, summarize } from './table.ts';

const ROUTES = 500;

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function benchRoadNetwork(): Promise<BenchRow[]> {
  const file = roadNetworkFile(loadConfig());
  if (!file || !existsSync(file)) {
    process.stderr.write(`bench: no street network at ${file}: road rows skipped\n`);
    return [];
  }
  const gc = collectGarbage();
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const net = readRoadNetwork(file);
  const router = new RoadRouter(net, DEFAULT_TRAVEL_MODEL, 'Asia/Ho_Chi_Minh');
  const buildMs = performance.now() - t0;
  gc();
  const after = process.memoryUsage();
  const heldMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1e6;

  const rnd = seededRandom(14);
  const at = new Date();
  const times: number[] = [];
  let estimated = 0;
  for (let i = 0; i < ROUTES + 20; i++) {
    const from = { lat: rnd.between(10.7, 10.88), lon: rnd.between(106.6, 106.8) };
    const to = { lat: rnd.between(10.7, 10.88), lon: rnd.between(106.6, 106.8) };
    const t = performance.now();
    const r = router.route(from, to, at);
    if (i >= 20) {
      times.push(performance.now() - t);
      if (r.estimated) estimated += 1;
    }
  }
  const name = `${net.nodeCount.toLocaleString('en')} junctions, ${net.pieceCount.toLocaleString('en')} street pieces`;
  return [
    {
      area: 'dispatch',
      name: `street network build at start (${name})`,
      value: buildMs,
      unit: 'ms',
      samples: 1,
    },
    {
      area: 'dispatch',
      name: 'street network memory held (heap + typed arrays)',
      value: heldMb,
      unit: 'MB',
      samples: 1,
    },
    {
      area: 'dispatch',
      name: `one route across the city (random pairs; ${estimated} of ${ROUTES} off the network, estimated)`,
      ...summarize(times),
    },
  ];
}
