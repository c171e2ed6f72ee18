import { describe, expect, it } from 'vitest';
import { CallEvent } from './call-event.ts';
import { HopTraceEntry, kamailioStamp } from './call-hops.ts';

describe('hop stamps', () => {
  it("reads Kamailio's seconds.microseconds as milliseconds with the fraction", () => {
    expect(kamailioStamp('1765000000.123456')).toBeCloseTo(1_765_000_000_123.456, 3);
    expect(kamailioStamp('1765000000.5')).toBeCloseTo(1_765_000_000_500, 3);
  });

  it('takes an arrival with or without its hops, and refuses a hop missing from a carried set', () => {
    const arrival = {
      type: 'arrived',
      sipCallId: 'a@b',
      at: '2026-12-07T05:00:00.000Z',
      callerNumber: '+84901234567',
      dialedNumber: '112',
      location: null,
      locationRaw: null,
    };
    const hops = { invite: 1, notified: 2, received: 3, handled: 4, enqueuing: 5 };
    expect(CallEvent.safeParse(arrival).success).toBe(true);
    expect(CallEvent.safeParse({ ...arrival, hops }).success).toBe(true);
    expect(CallEvent.safeParse({ ...arrival, hops: { ...hops, enqueuing: undefined } }).success).toBe(false);
  });

  it('refuses a trace entry naming a hop that does not exist', () => {
    expect(HopTraceEntry.safeParse({ sipCallId: 'a@b', hops: { picked: 1, committed: 2 } }).success).toBe(
      true,
    );
    expect(HopTraceEntry.safeParse({ sipCallId: 'a@b', hops: { elsewhere: 1 } }).success).toBe(false);
  });
});
