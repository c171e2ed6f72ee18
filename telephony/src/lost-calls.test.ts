import { describe, expect, it } from 'vitest';
import type { AcdCall } from './acd-store.ts';
import { lostCalls } from './lost-calls.ts';

const call = (arrivedUs: number, state: AcdCall['state'] = 'queued'): AcdCall => ({
  tindex: '1',
  tlabel: '2',
  caller: '0901',
  arrivedUs: String(arrivedUs),
  state,
  agent: '',
  fromTag: '',
  toTag: '',
});

describe('calls lost by a restart of Kamailio', () => {
  const snapshotUs = 1_800_000_000_000_000;

  it('are the known calls its snapshot does not name, answered or not', () => {
    const known = new Map([
      ['held', call(snapshotUs - 60_000_000)],
      ['lost-queued', call(snapshotUs - 60_000_000)],
      ['lost-answered', call(snapshotUs - 5_000_000, 'answered')],
    ]);
    expect(lostCalls(known, new Set(['held']), snapshotUs).map(([id]) => id)).toEqual([
      'lost-queued',
      'lost-answered',
    ]);
  });

  it('spare a call that arrived within a second of the snapshot (its events may still be on their way)', () => {
    const known = new Map([['just-arrived', call(snapshotUs - 200_000)]]);
    expect(lostCalls(known, new Set(), snapshotUs)).toEqual([]);
  });
});
