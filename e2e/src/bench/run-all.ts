// `npm run bench`: runs every benchmark, prints one table, and writes it as JSON for comparison between versions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { acrossRuns, type BenchRow, renderTable } from './table.ts';

/** Each benchmark module exports one function returning its rows; they run one after another. */
const BENCHMARKS: Array<{ area: string; load: () => Promise<() => Promise<BenchRow[]>> }> = [
  { area: 'dispatch', load: async () => (await import('./recommendation.ts')).benchRecommendation },
  { area: 'dispatch', load: async () => (await import('./road-network.ts')).benchRoadNetwork },
  { area: 'dispatch', load: async () => (await import('./dispatch.ts')).benchAssignments },
  { area: 'realtime', load: async () => (await import('./fanout.ts')).benchFanout },
  { area: 'crews', load: async () => (await import('./crew-dispatch.ts')).benchCrewDispatch },
  { area: 'cameras', load: async () => (await import('./cameras.ts')).benchSurfacing },
  { area: 'cameras', load: async () => (await import('./cameras.ts')).benchRestreams },
  { area: 'telephony', load: async () => (await import('./telephony.ts')).benchTelephony },
  { area: 'location', load: async () => (await import('./caller-location.ts')).benchPolygonIntake },
  { area: 'location', load: async () => (await import('./caller-location.ts')).benchAmlToConsole },
  { area: 'announcements', load: async () => (await import('./announcements.ts')).benchAnnouncements },
  { area: 'media', load: async () => (await import('./media.ts')).benchMedia },
  { area: 'recording', load: async () => (await import('./recording.ts')).benchRecording },
  { area: 'ui', load: async () => (await import('./ui-queue.ts')).benchUiQueue },
  { area: 'ui', load: async () => (await import('./ui-map.ts')).benchUiMap },
  { area: 'text112', load: async () => (await import('./text112.ts')).benchText112 },
  { area: 'geodata', load: async () => (await import('./geodata.ts')).benchGeodata },
  { area: 'wallboard', load: async () => (await import('./wallboard.ts')).benchWallboard },
  { area: 'caller-link', load: async () => (await import('./caller-link.ts')).benchCallerLink },
  { area: 'softphone', load: async () => (await import('./softphone.ts')).benchSoftphoneAnswer },
  {
    area: 'softphone',
    load: async () => (await import('./softphone-concurrent.ts')).benchSoftphoneConcurrent,
  },
];

/** `npm run bench -- [area...] [--runs N]`: the areas named (all by default), N fresh runs of each (default 1). */
function parseArgs(args: string[]): { only: string[]; runs: number } {
  const at = args.indexOf('--runs');
  const runs = at === -1 ? 1 : Number(args[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs, 1 or more');
  return { only: args.filter((_, i) => at === -1 || (i !== at && i !== at + 1)), runs };
}

const { only, runs } = parseArgs(process.argv.slice(2));
const load1 = () => loadavg().map((n) => n.toFixed(2));
const perRun: BenchRow[][] = [];
const runLog: Array<{ run: number; startedAt: string; loadAverage: string[]; seconds: number }> = [];
for (let run = 1; run <= runs; run += 1) {
  const started = Date.now();
  const loadAverage = load1();
  const rows: BenchRow[] = [];
  for (const bench of BENCHMARKS) {
    if (only.length && !only.includes(bench.area)) continue;
    process.stderr.write(
      `bench: ${bench.area} (run ${run} of ${runs}, load average ${loadAverage.join(' ')})...\n`,
    );
    try {
      rows.push(...(await (await bench.load())()));
    } catch (err) {
      process.stderr.write(`bench ${bench.area} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    }
  }
  perRun.push(rows);
  runLog.push({
    run,
    startedAt: new Date(started).toISOString(),
    loadAverage,
    seconds: Math.round((Date.now() - started) / 1000),
  });
}
const rows = runs === 1 ? perRun[0]! : acrossRuns(perRun);

for (const r of runLog)
  process.stdout.write(
    `run ${r.run}: ${r.startedAt}, load average ${r.loadAverage.join(' ')}, ${r.seconds} s\n`,
  );
process.stdout.write(`${renderTable(rows)}\n`);
const dir = new URL('../../../bench-results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir);
const doc = {
  at: new Date().toISOString(),
  cores: cpus().length,
  cpu: cpus()[0]?.model,
  node: process.version,
  runs: runLog,
  rows,
  ...(runs > 1 && { runRows: perRun }),
};
writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
writeFileSync(new URL('latest.json', dir), `${JSON.stringify(doc, null, 2)}\n`);
process.stdout.write(`written: ${file.pathname}\n`);
