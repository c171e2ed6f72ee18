import { describe, expect, it } from 'vitest';
import { makeIncident, makeUnit } from '../test/factories.ts';
import { incidentsByBand, percent, shareVerdict, TARGET_15S, TARGET_20S, unitsByStatus } from './figures.ts';

describe('wallboard figures', () => {
  it('never rounds a share up to meet its target', () => {
    expect(percent(0.8996)).toBe(89);
    expect(shareVerdict(0.8996, TARGET_15S)).toBe('missed');
    expect(percent(0.9)).toBe(90);
    expect(shareVerdict(0.9, TARGET_15S)).toBe('met');
    expect(shareVerdict(0.94, TARGET_20S)).toBe('missed');
    expect(shareVerdict(null, TARGET_20S)).toBe('none');
  });

  it('counts open incidents by priority band and units by status', () => {
    const incidents = [
      makeIncident({ priority: 10 }),
      makeIncident({ priority: 8 }),
      makeIncident({ priority: 5 }),
      makeIncident({ priority: 2 }),
      makeIncident({ priority: 9, status: 'closed' }),
    ];
    expect(incidentsByBand(incidents)).toEqual({ critical: 2, high: 1, routine: 1 });
    const units = unitsByStatus([makeUnit(), makeUnit({ status: 'en-route' }), makeUnit()]);
    expect(units.available).toBe(2);
    expect(units['en-route']).toBe(1);
    expect(units['out-of-service']).toBe(0);
  });
});
