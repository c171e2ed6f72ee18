import { describe, expect, it } from 'vitest';
import { canTransition, UNIT_TRANSITIONS, UnitStatus } from './unit-status.ts';

const ALL = UnitStatus.options;

describe('unit status state machine', () => {
  it('allows the normal life of a call: dispatched, en route, on scene, transporting, at hospital, available', () => {
    const path = [
      'available',
      'dispatched',
      'en-route',
      'on-scene',
      'transporting',
      'at-hospital',
      'available',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('rejects every transition not in the table', () => {
    let rejected = 0;
    for (const from of ALL) {
      for (const to of ALL) {
        const legal = UNIT_TRANSITIONS[from].includes(to);
        expect(canTransition(from, to)).toBe(legal);
        if (!legal) rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(30);
  });

  it.each([
    ['available', 'on-scene'],
    ['available', 'transporting'],
    ['out-of-service', 'dispatched'],
    ['transporting', 'available'],
    ['on-scene', 'en-route'],
    ['at-hospital', 'on-scene'],
  ] as const)('refuses %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('has a rule for every status', () => {
    expect(Object.keys(UNIT_TRANSITIONS).sort()).toEqual([...ALL].sort());
  });
});
