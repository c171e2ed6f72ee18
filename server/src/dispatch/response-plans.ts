// Response plans: which units each kind of incident needs. Configurable by editing this table.
import type { IncidentType, UnitKind } from '@hcm112/shared';

/** One line of a plan: `count` units of any of `kinds` (first kind preferred only by ETA). */
export interface PlanLine {
  kinds: readonly UnitKind[];
  count: number;
  label: string;
}

const FIRE: PlanLine = { kinds: ['fire-engine'], count: 1, label: 'fire engine' };
const LADDER: PlanLine = { kinds: ['ladder-truck'], count: 1, label: 'ladder truck' };
const RESCUE: PlanLine = { kinds: ['rescue-truck', 'ladder-truck'], count: 1, label: 'rescue truck' };
const ALS: PlanLine = { kinds: ['ambulance-als'], count: 1, label: 'ALS ambulance' };
const AMBULANCE: PlanLine = { kinds: ['ambulance-als', 'ambulance-bls'], count: 1, label: 'ambulance' };
const POLICE: PlanLine = { kinds: ['police-patrol', 'police-motorbike'], count: 1, label: 'police' };
const TRAFFIC: PlanLine = {
  kinds: ['traffic-police', 'police-motorbike', 'police-patrol'],
  count: 1,
  label: 'traffic police',
};
const times = (line: PlanLine, count: number): PlanLine => ({ ...line, count });

const BY_TYPE: Record<IncidentType, readonly PlanLine[]> = {
  fire: [times(FIRE, 2), AMBULANCE],
  medical: [AMBULANCE],
  traffic: [TRAFFIC, AMBULANCE],
  crime: [times(POLICE, 2)],
  rescue: [RESCUE, FIRE, AMBULANCE],
  flood: [RESCUE, { kinds: ['rescue-boat'], count: 1, label: 'rescue boat' }],
  hazmat: [{ kinds: ['hazmat-truck'], count: 1, label: 'hazmat truck' }, FIRE, AMBULANCE],
  other: [POLICE],
};

const BY_SUBTYPE: Record<string, readonly PlanLine[]> = {
  'fire/structure-fire': [times(FIRE, 2), LADDER, AMBULANCE],
  'fire/high-rise-fire': [times(FIRE, 3), times(LADDER, 2), RESCUE, times(ALS, 2), POLICE],
  'fire/market-fire': [times(FIRE, 3), LADDER, AMBULANCE, POLICE],
  'fire/vehicle-fire': [FIRE, TRAFFIC],
  'fire/electrical-fire': [FIRE],
  'fire/grass-fire': [times(FIRE, 2)],
  'medical/cardiac-arrest': [ALS, FIRE],
  'medical/breathing-problem': [ALS],
  'medical/unconscious': [ALS],
  'medical/stroke': [ALS],
  'traffic/multi-vehicle': [times(TRAFFIC, 2), times(AMBULANCE, 2), RESCUE],
  'traffic/collision-no-injury': [TRAFFIC],
  'crime/assault-weapon': [times(POLICE, 2), AMBULANCE],
  'crime/theft': [POLICE],
  'crime/disturbance': [POLICE],
  'rescue/water-rescue': [{ kinds: ['rescue-boat'], count: 1, label: 'rescue boat' }, RESCUE, AMBULANCE],
  'rescue/elevator-entrapment': [RESCUE],
  'flood/street-flooding': [POLICE],
  'other/animal': [RESCUE],
};

export function responsePlan(type: IncidentType, subtype: string): readonly PlanLine[] {
  return BY_SUBTYPE[`${type}/${subtype}`] ?? BY_TYPE[type];
}
