// Benchmark results: one row per figure, printed as one table and written as JSON for comparison.
import { cpus } from 'node:os';

export interface BenchRow {
  /** Which issue area the figure belongs to, e.g. "telephony", "dispatch", "cameras", "realtime", "ui". */
  area: string;
  /** What was measured, with its conditions, e.g. "recommendation latency, 10,000 units". */
  name: string;
  p50Ms?: number;
  p99Ms?: number;
  /** Operations per second sustained. */
  throughput?: number;
  /** Any other figure, with its unit in `unit`. */
  value?: number;
  unit?: string;
  samples: number;
  /** The target the issue names, as text, e.g. "p99 < 10 ms". */
  target?: string;
  /** Whether the target was met; undefined when there is no target. */
  met?: boolean;
  /** What the run counted or found beside the figure (calls recorded and failed, whose limit a ceiling is). */
  note?: string;
  /** Over several runs (`--runs N`): min, median and max of each figure, and in how many runs the target was met. */
  spread?: Partial<Record<Figure, [number, number, number]>>;
  runs?: number;
  metRuns?: [number, number];
}

const FIGURES = ['p50Ms', 'p99Ms', 'throughput', 'value'] as const;
type Figure = (typeof FIGURES)[number];

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const idx = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[idx]!;
}

/** p50/p99 of a list of durations in milliseconds. */
export function summarize(durationsMs: number[]): { p50Ms: number; p99Ms: number; samples: number } {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), samples: sorted.length };
}

const fmt = (n: number | undefined, digits = 2) =>
  n === undefined || Number.isNaN(n) ? '' : n.toFixed(digits);

/**
 * The rows of several runs of the same benchmarks as one row per figure: the median run's value, with min, median
 * and max in `spread`, the runs' notes side by side and how many runs met the target.
 */
export function acrossRuns(runs: BenchRow[][]): BenchRow[] {
  const byName = new Map<string, BenchRow[]>();
  for (const row of runs.flat()) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  return [...byName.values()].map((rows) => {
    const first = rows[0]!;
    const spread: BenchRow['spread'] = {};
    const medians: Partial<Record<Figure, number>> = {};
    for (const figure of FIGURES) {
      const values = rows.flatMap((r) => (r[figure] === undefined ? [] : [r[figure]]));
      if (values.length === 0) continue;
      const sorted = values.sort((a, b) => a - b);
      const median = percentile(sorted, 50);
      spread[figure] = [sorted[0]!, median, sorted.at(-1)!];
      medians[figure] = median;
    }
    const metCount = rows.filter((r) => r.met).length;
    return {
      ...first,
      ...medians,
      samples: rows.reduce((n, r) => n + r.samples, 0),
      note: rows.some((r) => r.note)
        ? rows.map((r, i) => `run ${i + 1}: ${r.note ?? ''}`).join(' | ')
        : undefined,
      ...(first.met !== undefined && { met: metCount === rows.length, metRuns: [metCount, rows.length] }),
      spread,
      runs: rows.length,
    };
  });
}

/** A figure's cell: the value, or min / median / max over runs. */
function cell(row: BenchRow, figure: Figure, digits = 2): string {
  const s = row.spread?.[figure];
  if (s && (row.runs ?? 1) > 1) return s.map((n) => fmt(n, digits)).join(' / ');
  return fmt(row[figure], digits);
}
/** One table; after several runs each figure reads min / median / max. */
export function renderTable(rows: BenchRow[]): string {
  const header = ['area', 'figure', 'p50 ms', 'p99 ms', 'ops/s', 'value', 'samples', 'target', 'met', 'note'];
  const body = rows.map((r) => [
    r.area,
    r.name,
    cell(r, 'p50Ms'),
    cell(r, 'p99Ms'),
    cell(r, 'throughput', 1),
    r.value === undefined ? '' : `${cell(r, 'value')} ${r.unit ?? ''}`.trim(),
    String(r.samples),
    r.target ?? '',
    r.met === undefined
      ? ''
      : `${r.met ? 'yes' : 'NO'}${r.metRuns ? ` (${r.metRuns[0]}/${r.metRuns[1]})` : ''}`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n');
}
