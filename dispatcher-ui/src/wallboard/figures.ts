// The wallboard's figures from the raw lists: shares against their targets, incidents by priority band, units by
// status, call-takers by state, each in a fixed order so tiles never swap places.
import {
  type AgentState,
  type Incident,
  type Unit,
  UnitStatus,
  type UnitStatus as UnitStatusT,
} from '@hcm112/shared';
import { priorityBand } from '../components/badges.tsx';

/** NENA call answering standard: 90 % of calls answered within 15 s, 95 % within 20 s. */
export const TARGET_15S = 0.9;
export const TARGET_20S = 0.95;

export type ShareVerdict = 'met' | 'missed' | 'none';

export function shareVerdict(share: number | null, target: number): ShareVerdict {
  if (share === null) return 'none';
  return share >= target ? 'met' : 'missed';
}

/** A share as a whole percentage, rounded down so 89.6 % is never shown as meeting a 90 % target. */
export function percent(share: number): number {
  return Math.floor(share * 100 + 1e-9);
}

export const AGENT_STATES_SHOWN: readonly AgentState[] = [
  'ready',
  'ringing',
  'on-call',
  'wrap-up',
  'not-ready',
  'offline',
];

export const PRIORITY_BANDS = ['critical', 'high', 'routine'] as const;
export type PriorityBand = (typeof PRIORITY_BANDS)[number];

export function incidentsByBand(incidents: readonly Incident[]): Record<PriorityBand, number> {
  const counts: Record<PriorityBand, number> = { critical: 0, high: 0, routine: 0 };
  for (const i of incidents) if (i.status !== 'closed') counts[priorityBand(i.priority)] += 1;
  return counts;
}

export const UNIT_STATUSES: readonly UnitStatusT[] = UnitStatus.options;

export function unitsByStatus(units: readonly Unit[]): Record<UnitStatusT, number> {
  const counts = Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0])) as Record<UnitStatusT, number>;
  for (const u of units) counts[u.status] += 1;
  return counts;
}
