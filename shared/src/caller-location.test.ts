import { describe, expect, it } from 'vitest';
import { type CallerLocation, chooseLocation, type LocationFix, nationalForm } from './caller-location.ts';

const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 15, 0, s)).toISOString();
const fix = (id: number, seconds: number, accuracyM: number | null): LocationFix => {
  const location: CallerLocation = {
    point: { lat: 10.77, lon: 106.7 },
    accuracyM,
    source: 'aml',
    shape: null,
    method: null,
    at: at(seconds),
  };
  return { id, source: 'aml', location, receivedAt: at(seconds), problem: null };
};
const unusable: LocationFix = {
  id: 9,
  source: 'pidf-lo',
  location: null,
  receivedAt: at(59),
  problem: 'bad',
};

describe('which location is used', () => {
  it('uses the only usable one, never an unusable one', () => {
    expect(chooseLocation([fix(1, 0, 500), unusable])).toEqual({ fixId: 1, reason: 'only' });
    expect(chooseLocation([unusable])).toBeNull();
  });

  it('uses the newest fix when it is about as precise', () => {
    expect(chooseLocation([fix(1, 0, 30), fix(2, 10, 50)])).toEqual({ fixId: 2, reason: 'newest' });
  });

  it('keeps an older fix much more precise and under 30 s older', () => {
    expect(chooseLocation([fix(1, 0, 10), fix(2, 20, 2000)])).toEqual({ fixId: 1, reason: 'more-precise' });
  });

  it('never holds a moving caller on a fix 30 s or more older, however precise', () => {
    expect(chooseLocation([fix(1, 0, 5), fix(2, 30, 2000)])).toEqual({ fixId: 2, reason: 'newest' });
  });

  it('prefers a fix with a radius over a newer bare point', () => {
    expect(chooseLocation([fix(1, 0, 15), fix(2, 5, null)])).toEqual({ fixId: 1, reason: 'more-precise' });
  });
});

describe('national form', () => {
  it('shows a Vietnamese E.164 number as it is dialled, others unchanged', () => {
    expect(nationalForm('+84905550001')).toBe('0905550001');
    expect(nationalForm('+33142685300')).toBe('+33142685300');
    expect(nationalForm('')).toBe('');
  });
});
