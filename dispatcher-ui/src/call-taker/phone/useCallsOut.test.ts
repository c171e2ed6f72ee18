import { describe, expect, it } from 'vitest';
import type { SoftphoneLeg } from './softphone.ts';
import { eventsBetween } from './useCallsOut.ts';

const leg = (change: Partial<SoftphoneLeg>): SoftphoneLeg => ({
  legId: 'l',
  sipCallId: 'c',
  state: 'dialing',
  reason: null,
  conference: false,
  withdrawn: false,
  ...change,
});

describe('what the console reports of a call out', () => {
  it('reports an answer, a join, a withdrawal, speaking again and the end, each once', () => {
    const steps = [
      leg({ state: 'active' }),
      leg({ state: 'active', conference: true }),
      leg({ state: 'active', conference: true, withdrawn: true }),
      leg({ state: 'active', conference: true }),
      leg({ state: 'ended' }),
    ];
    const told = steps.flatMap((now, i) =>
      eventsBetween(i ? steps[i - 1] : leg({}), now).map((e) => e.event),
    );
    expect(told).toEqual(['answered', 'joined', 'withdrawn', 'rejoined', 'ended']);
    expect(eventsBetween(steps[1], steps[1]!)).toEqual([]);
  });

  it('reports a failure with its reason and never an answer', () => {
    expect(eventsBetween(leg({}), leg({ state: 'failed', reason: '486 Busy Here' }))).toEqual([
      { event: 'failed', reason: '486 Busy Here' },
    ]);
  });

  it('reports the end of an answered leg without a second answer, and a first report already answered', () => {
    expect(eventsBetween(leg({ state: 'active' }), leg({ state: 'ended' })).map((e) => e.event)).toEqual([
      'ended',
    ]);
    expect(eventsBetween(undefined, leg({ state: 'active' })).map((e) => e.event)).toEqual(['answered']);
  });
});
