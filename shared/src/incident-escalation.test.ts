import { describe, expect, it } from 'vitest';
import { type EscalationPolicy, isEscalated, unassignedLimitSeconds } from './incident.ts';

const policy: EscalationPolicy = {
  unassigned: [
    { minPriority: 0, seconds: 600 },
    { minPriority: 9, seconds: 60 },
    { minPriority: 7, seconds: 120 },
  ],
};
const opened = '2026-12-06T03:00:00.000Z';
const after = (s: number) => new Date(Date.parse(opened) + s * 1000);

describe('escalation of incidents without a unit', () => {
  it('takes the row of the highest minimum priority the incident reaches', () => {
    expect(unassignedLimitSeconds(policy, 10)).toBe(60);
    expect(unassignedLimitSeconds(policy, 8)).toBe(120);
    expect(unassignedLimitSeconds(policy, 3)).toBe(600);
    expect(unassignedLimitSeconds({ unassigned: [{ minPriority: 5, seconds: 30 }] }, 2)).toBeNull();
  });

  it('flags an open incident with no unit once its time has passed, and never one with a unit or closed', () => {
    const incident = { priority: 9, status: 'new' as const, assignments: [], createdAt: opened };
    expect(isEscalated(policy, incident, after(59))).toBe(false);
    expect(isEscalated(policy, incident, after(60))).toBe(true);
    expect(isEscalated(policy, { ...incident, status: 'closed' }, after(600))).toBe(false);
    const withUnit = { ...incident, assignments: [{} as never] };
    expect(isEscalated(policy, withUnit, after(600))).toBe(false);
  });
});
