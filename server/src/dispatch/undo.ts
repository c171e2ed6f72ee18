// Undoing an assignment made by mistake: only within ASSIGNMENT_UNDO_SECONDS and while the crew has not
// acknowledged (unit still 'dispatched'); after that, recalling a unit is a cancellation the crew must hear.
import { ASSIGNMENT_UNDO_SECONDS } from '@hcm112/shared';
import type { Actor } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict } from '../errors.ts';
import * as incidentsRepo from '../incidents/repository.ts';
import { changeIncident } from '../incidents/service.ts';
import * as repo from './repository.ts';
import { announceUnits } from './service.ts';

export async function undoAssignment(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  unitId: string,
  requestId?: string,
) {
  const incident = await changeIncident(
    ctx,
    actor,
    incidentId,
    'incident.assign.undo',
    async (trx, before, now) => {
      const [u] = await repo.lockUnits(trx, [unitId]);
      const open = u ? await repo.openAssignmentAt(trx, incidentId, unitId) : undefined;
      if (!u || u.incident_id !== incidentId || !open)
        throw new Conflict(`the unit is not assigned to incident ${before.number}`, { unitId });
      const assignedAt = open.assignedAt;
      if (u.status !== 'dispatched' || open.acknowledged)
        throw new Conflict(
          `${u.callsign} has acknowledged (${u.status}); recalling it is a cancellation sent to the crew`,
          { unitId, callsign: u.callsign, status: u.status, reason: 'acknowledged' },
        );
      const ageMs = now.getTime() - assignedAt.getTime();
      if (ageMs > ASSIGNMENT_UNDO_SECONDS * 1000)
        throw new Conflict(
          `the ${ASSIGNMENT_UNDO_SECONDS} s to undo ${u.callsign} have passed; recalling it is a cancellation sent to the crew`,
          { unitId, callsign: u.callsign, status: u.status, reason: 'expired' },
        );
      await repo.releaseUnitAssignment(trx, unitId, 'undone', now);
      await repo.setUnitStatus(trx, unitId, 'available', null, now);
      await incidentsRepo.insertNote(trx, {
        incidentId,
        authorId: actor.id,
        authorName: actor.name,
        kind: 'dispatch',
        text: `undid dispatch of ${u.callsign}`,
        at: now,
        code: 'dispatch.undone',
        params: { callsign: u.callsign },
      });
      // An incident whose only dispatch was a mistake is waiting for units again.
      if (before.status === 'dispatched' && (await repo.assignedUnitStatuses(trx, incidentId)).length === 0)
        await incidentsRepo.updateIncident(trx, incidentId, { status: 'new' }, now);
    },
    requestId,
  );
  await announceUnits(ctx, [unitId]);
  return incident;
}
