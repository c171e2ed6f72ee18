import type { CallerLocation, CallLocationHistory, LocationFix } from '@hcm112/shared';
import { describe, expect, it } from 'vitest';
import { lastFixId, refreshOutcome } from './refresh-outcome.ts';

const at = '2026-01-01T03:00:00.000Z';
const where = (lat: number, accuracyM: number): CallerLocation => ({
  point: { lat, lon: 106.7 },
  accuracyM,
  source: 'held',
  shape: null,
  method: 'Cell',
  at,
});
const fix = (id: number, over: Partial<LocationFix>): LocationFix => ({
  id,
  source: 'held',
  location: null,
  receivedAt: at,
  problem: null,
  ...over,
});
const history = (...fixes: LocationFix[]): CallLocationHistory => ({ fixes, choice: null });

describe('refreshOutcome', () => {
  it('is still waiting while no carrier entry came after the ones there when asked', () => {
    const h = history(
      fix(1, { location: where(10.77, 150) }),
      fix(2, { source: 'aml', location: where(10.78, 9) }),
    );
    expect(lastFixId(h)).toBe(2);
    expect(refreshOutcome(h, 2)).toBeNull();
  });

  it('names a new place or radius as a new fix', () => {
    const h = history(fix(1, { location: where(10.77, 150) }), fix(2, { location: where(10.778, 40) }));
    expect(refreshOutcome(h, 1)).toMatchObject({ kind: 'new', location: { accuracyM: 40 } });
  });

  it('names the same place and radius as unchanged', () => {
    const h = history(fix(1, { location: where(10.77, 150) }), fix(2, { location: where(10.77, 150) }));
    expect(refreshOutcome(h, 1)).toMatchObject({ kind: 'unchanged' });
  });

  it('gives the reason of an answer that could not be used', () => {
    const h = history(
      fix(1, { location: where(10.77, 150) }),
      fix(2, { problem: 'did not answer: timed out' }),
    );
    expect(refreshOutcome(h, 1)).toEqual({ kind: 'unusable', why: 'did not answer: timed out' });
  });

  it('counts the first usable answer after an unusable arrival as new', () => {
    const h = history(
      fix(1, { problem: 'did not answer: timed out' }),
      fix(2, { location: where(10.77, 150) }),
    );
    expect(refreshOutcome(h, 1)).toMatchObject({ kind: 'new' });
  });
});
