// The unit status state machine: which status changes are legal.
import { z } from 'zod';

export const UnitStatus = z.enum([
  'available',
  'dispatched',
  'en-route',
  'on-scene',
  'transporting',
  'at-hospital',
  'out-of-service',
]);
export type UnitStatus = z.infer<typeof UnitStatus>;

/**
 * Legal transitions. Dispatching (available -> dispatched) and diverting (dispatched/en-route -> dispatched
 * for another incident) are made by the dispatch service, never by a plain status update.
 */
export const UNIT_TRANSITIONS: Readonly<Record<UnitStatus, readonly UnitStatus[]>> = Object.freeze({
  available: ['dispatched', 'out-of-service'],
  dispatched: ['en-route', 'available', 'dispatched', 'out-of-service'],
  'en-route': ['on-scene', 'available', 'dispatched', 'out-of-service'],
  'on-scene': ['transporting', 'available', 'out-of-service'],
  transporting: ['at-hospital', 'out-of-service'],
  'at-hospital': ['available', 'out-of-service'],
  'out-of-service': ['available'],
});

export function canTransition(from: UnitStatus, to: UnitStatus): boolean {
  return UNIT_TRANSITIONS[from].includes(to);
}

/** Statuses in which a unit is committed to an incident. */
export const COMMITTED_STATUSES: readonly UnitStatus[] = Object.freeze([
  'dispatched',
  'en-route',
  'on-scene',
  'transporting',
  'at-hospital',
]);

export function isCommitted(status: UnitStatus): boolean {
  return COMMITTED_STATUSES.includes(status);
}
