// The escalation policy for incidents left without a unit, from ESCALATE_UNASSIGNED ("minPriority:seconds,...").
import type { EscalationPolicy } from '@hcm112/shared';
import type { Config } from '../config.ts';

export function escalationPolicy(config: Pick<Config, 'ESCALATE_UNASSIGNED'>): EscalationPolicy {
  return { unassigned: config.ESCALATE_UNASSIGNED };
}
