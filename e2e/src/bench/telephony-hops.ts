// Where an arrival's time goes, hop by hop: the stamps each call carries on its arrival event and the ones the
// processes collect when HOP_TRACE is on (shared call-hops.ts), merged per call and summarised per hop.
import { type HopName, HopTraceEntry, hopTraceKey } from '@hcm112/shared';
import type { Redis } from 'ioredis';
import { type BenchRow, summarize } from './table.ts';

type Stamps = Partial<Record<HopName, number>>;

/** Each hop of the path, from one stamp to the next, in the order a call passes them. */
export const HOPS: Array<{ name: string; from: HopName; to: HopName }> = [
  { name: 'Kamailio: INVITE received to arrival event sent', from: 'invite', to: 'notified' },
  { name: 'evapi: event sent to read by call control', from: 'notified', to: 'received' },
  { name: 'call control: waiting behind earlier events', from: 'received', to: 'handled' },
  { name: 'call control: arrival read into its record', from: 'handled', to: 'enqueuing' },
  {
    name: 'call-events stream: append acknowledged (in a batch, not waited for)',
    from: 'enqueuing',
    to: 'enqueued',
  },
  {
    name: 'call control: Redis ACD step (holds the next event; the append goes on meanwhile)',
    from: 'enqueuing',
    to: 'stored',
  },
  { name: 'call-events stream: append to read by the server', from: 'enqueuing', to: 'picked' },
  { name: 'server: PostgreSQL transaction to commit', from: 'picked', to: 'committed' },
  { name: 'server: realtime publish', from: 'committed', to: 'published' },
  { name: 'whole path: INVITE received to published', from: 'invite', to: 'published' },
];

/** Reads and empties the trace list: every call's stamps, merged. */
export async function takeHopTrace(redis: Redis, prefix: string): Promise<Map<string, Stamps>> {
  const key = hopTraceKey(prefix);
  const [[, raw]] = (await redis.multi().lrange(key, 0, -1).del(key).exec()) as [[null, string[]]];
  const calls = new Map<string, Stamps>();
  for (const line of raw) {
    const entry = HopTraceEntry.parse(JSON.parse(line));
    calls.set(entry.sipCallId, { ...calls.get(entry.sipCallId), ...entry.hops });
  }
  return calls;
}

/** p50/p99 of each hop over `calls` (those of one phase); a call missing a stamp is left out of that hop. */
export function hopRows(calls: Stamps[], label: string, area = 'telephony'): BenchRow[] {
  return HOPS.map((hop) => {
    const ms = calls.flatMap((c) => {
      const from = c[hop.from];
      const to = c[hop.to];
      return from === undefined || to === undefined ? [] : [to - from];
    });
    return { area, name: `hop, ${label}: ${hop.name}`, ...summarize(ms) };
  });
}
