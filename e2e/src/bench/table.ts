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
}

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

export function renderTable(rows: BenchRow[]): string {
  const header = ['area', 'figure', 'p50 ms', 'p99 ms', 'ops/s', 'value', 'samples', 'target', 'met'];
  const body = rows.map((r) => [
    r.area,
    r.name,
    fmt(r.p50Ms),
    fmt(r.p99Ms),
    fmt(r.throughput, 1),
    r.value === undefined ? '' : `${fmt(r.value)} ${r.unit ?? ''}`.trim(),
    String(r.samples),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
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
