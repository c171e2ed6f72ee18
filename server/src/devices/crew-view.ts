// What a crew's app shows: its unit and the incident it is assigned to, with what the centre lets crews see.
import type { CrewView, Incident, Unit } from '@hcm112/shared';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { loadIncident } from '../incidents/service.ts';
import { findUnit } from '../units/repository.ts';
import type { DeviceIdentity } from './pairing.ts';

/**
 * The incident as a crew may see it: the caller's number only where the centre allows (CREW_SEES_CALLBACK_NUMBER);
 * withheld, it goes from the numbers, the callback number and the timeline's call lines ("call from +84…").
 */
export function incidentForCrew(ctx: AppContext, incident: Incident): Incident {
  if (ctx.config.CREW_SEES_CALLBACK_NUMBER) return incident;
  return {
    ...incident,
    callerNumbers: [],
    callbackNumber: null,
    notes: incident.notes.filter((n) => n.kind !== 'call'),
  };
}

/** A device's unit as it is now, and the incident it is assigned to (null when none); 404 for a unit gone. */
export async function deviceUnit(
  ctx: AppContext,
  device: DeviceIdentity,
): Promise<{ unit: Unit; incident: Incident | null }> {
  const unit = await findUnit(ctx.db, device.unitId, ctx.clock(), ctx.config.AVL_STALE_SECONDS);
  if (!unit) throw new NotFound('unit');
  return { unit, incident: unit.incidentId ? await loadIncident(ctx.db, unit.incidentId) : null };
}

export async function crewView(ctx: AppContext, device: DeviceIdentity): Promise<CrewView> {
  const { unit, incident } = await deviceUnit(ctx, device);
  return {
    unit,
    incident: incident && incidentForCrew(ctx, incident),
    settings: {
      positionIntervalSeconds: ctx.config.CREW_POSITION_INTERVAL_SECONDS,
      ackTimeoutSeconds: ctx.config.CREW_ACK_TIMEOUT_SECONDS,
    },
  };
}
