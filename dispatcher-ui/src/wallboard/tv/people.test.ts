import type { WallboardPerson } from '@hcm112/shared';
import { describe, expect, it } from 'vitest';
import { clockDuration, personFlagged, sortedPeople } from './people.ts';

const at = (minutesAgo: number) =>
  new Date(Date.parse('2026-12-07T03:00:00Z') - minutesAgo * 60_000).toISOString();
const NOW = Date.parse('2026-12-07T03:00:00Z');
const person = (p: Partial<WallboardPerson>): WallboardPerson => ({
  userId: '00000000-0000-4000-8000-000000000000',
  displayName: 'A',
  role: 'call-taker',
  state: 'ready',
  since: at(1),
  reason: null,
  ...p,
});

describe('people on the wall display', () => {
  it('puts call-takers first, not ready longest on top, then dispatchers', () => {
    const list = sortedPeople([
      person({ displayName: 'Dispatcher', role: 'dispatcher', state: 'console-open' }),
      person({ displayName: 'Ready' }),
      person({ displayName: 'Away 5', state: 'not-ready', since: at(5) }),
      person({ displayName: 'Away 30', state: 'not-ready', since: at(30) }),
    ]);
    expect(list.map((p) => p.displayName)).toEqual(['Away 30', 'Away 5', 'Ready', 'Dispatcher']);
  });

  it('flags not ready from 20 minutes only', () => {
    expect(personFlagged(person({ state: 'not-ready', since: at(19) }), NOW)).toBe(false);
    expect(personFlagged(person({ state: 'not-ready', since: at(20) }), NOW)).toBe(true);
    expect(personFlagged(person({ state: 'on-call', since: at(40) }), NOW)).toBe(false);
  });

  it('reads durations like a clock', () => {
    expect(clockDuration(45)).toBe('0:45');
    expect(clockDuration(12 * 60 + 5)).toBe('12:05');
    expect(clockDuration(3600 + 12 * 60 + 5)).toBe('1:12:05');
  });
});
