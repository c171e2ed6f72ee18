// The soak's figures: calls lost, answer times, memory, event latency and AVL, as one table and as JSON.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type BenchRow, percentile } from '../bench/table.ts';
import type { ConsoleTotals } from './consoles.ts';
import type { AvlTotals } from './load.ts';

/** Resident memory of a process in MB (Linux /proc), or NaN once it is gone. */
export function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface CallFigures {
  recorded: number;
  ended: number;
  answerMs: number[];
}

export async function callFigures(databaseUrl: string, caller: string): Promise<CallFigures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; ms: number | null }>(
      `SELECT state, extract(epoch FROM answered_at - arrived_at) * 1000 AS ms FROM calls WHERE caller_number = $1`,
      [caller],
    );
    return {
      recorded: rows.length,
      ended: rows.filter((r) => r.state === 'ended').length,
      answerMs: rows.flatMap((r) => (r.ms === null ? [] : [Number(r.ms)])).sort((a, b) => a - b),
    };
  } finally {
    await client.end();
  }
}

/** Percentile of a histogram with one bucket per millisecond. */
function histogramPercentile(buckets: number[], p: number): number {
  const total = buckets.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (const [ms, n] of buckets.entries()) {
    seen += n;
    if (seen >= (p / 100) * total) return ms;
  }
  return Number.NaN;
}

export interface SoakInput {
  seconds: number;
  offered: number;
  sipp: { successful: number; failed: number };
  calls: CallFigures;
  memory: Record<string, { start: number; end: number; max: number }>;
  consoles: ConsoleTotals;
  avl: AvlTotals;
}

export function soakRows(s: SoakInput): BenchRow[] {
  const lost = s.offered - s.calls.ended;
  const a = s.calls.answerMs;
  const avl = [...s.avl.latencyMs].sort((x, y) => x - y);
  const rows: BenchRow[] = [
    {
      area: 'soak',
      name: `calls offered at ${(s.offered / s.seconds).toFixed(1)}/s for ${s.seconds} s`,
      value: s.offered,
      unit: 'calls',
      samples: s.offered,
    },
    {
      area: 'soak',
      name: 'calls lost (offered - answered and ended in PostgreSQL)',
      value: lost,
      unit: 'calls',
      samples: s.offered,
      target: '0',
      met: lost === 0,
    },
    {
      area: 'soak',
      name: 'calls SIPp saw fail',
      value: s.sipp.failed,
      unit: 'calls',
      samples: s.offered,
      target: '0',
      met: s.sipp.failed === 0,
    },
    {
      area: 'soak',
      name: `answer time (arrival to answer), p90 ${fmt(percentile(a, 90))} ms, max ${fmt(a.at(-1))} ms`,
      p50Ms: percentile(a, 50),
      p99Ms: percentile(a, 99),
      samples: a.length,
    },
    {
      area: 'soak',
      name: `event latency to ${s.consoles.consoles} consoles (publish to receive), ${s.consoles.dropped} dropped`,
      p50Ms: histogramPercentile(s.consoles.latencyMs, 50),
      p99Ms: histogramPercentile(s.consoles.latencyMs, 99),
      samples: s.consoles.events,
    },
    {
      area: 'soak',
      name: 'events missing or repeated at a console',
      value: s.consoles.gaps,
      unit: 'events',
      samples: s.consoles.events,
      target: '0',
      met: s.consoles.gaps === 0,
    },
    {
      area: 'soak',
      name: `AVL position reports (${s.avl.failed} failed)`,
      p50Ms: percentile(avl, 50),
      p99Ms: percentile(avl, 99),
      throughput: s.avl.sent / s.seconds,
      samples: s.avl.sent,
    },
  ];
  for (const [name, m] of Object.entries(s.memory))
    rows.push({
      area: 'soak',
      name: `${name} memory: ${fmt(m.start)} MB after warm-up, ${fmt(m.end)} MB at end, max ${fmt(m.max)} MB`,
      value: m.end - m.start,
      unit: 'MB growth',
      samples: 1,
    });
  return rows;
}

const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(0));
