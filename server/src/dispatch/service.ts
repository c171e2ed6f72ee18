// The rules of dispatch: assigning units in one transaction (never two incidents for one unit), explicit
// diverts, and unit status changes along the shared state machine.
import {
  type AssignUnitsRequest,
  canTransition,
  type Incident,
  isCommitted,
  type UnitKind,
  type UnitStatus,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { Conflict, NotFound } from '../errors.ts';
import { announceIncident } from '../incidents/publish.ts';
import * as incidentsRepo from '../incidents/repository.ts';
import { changeIncident, loadIncident } from '../incidents/service.ts';
import { findUnit, unitDistances } from '../units/repository.ts';
import * as repo from './repository.ts';
import { dispatchEta } from './travel-time.ts';

const UNIQUE_VIOLATION = '23505';

export async function announceUnits(ctx: AppContext, unitIds: string[]): Promise<void> {
  const now = ctx.clock();
  for (const id of unitIds) {
    const unit = await findUnit(ctx.db, id, now, ctx.config.AVL_STALE_SECONDS);
    if (unit) await ctx.events.publish({ type: 'unit.updated', unit });
  }
}

export async function assignUnits(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  input: AssignUnitsRequest,
  requestId?: string,
) {
  const divertedFrom = new Set<string>();
  let incident: Incident;
  try {
    incident = await changeIncident(
      ctx,
      actor,
      incidentId,
      'incident.assign',
      async (trx, before, now) => {
        const units = await repo.lockUnits(trx, input.unitIds);
        const missing = input.unitIds.find((id) => !units.some((u) => u.id === id));
        if (missing) throw new NotFound(`unit ${missing}`);
        const distances = await unitDistances(trx, input.unitIds, before.location.point);
        const names: string[] = [];
        for (const u of units) {
          if (u.incident_id === incidentId) continue;
          const status = u.status as UnitStatus;
          if (status === 'out-of-service')
            throw new Conflict(`unit ${u.callsign} is out of service`, {
              unitId: u.id,
              callsign: u.callsign,
            });
          if (isCommitted(status) || u.incident_id) {
            if (!input.divert || !u.incident_id || !canTransition(status, 'dispatched')) {
              throw new Conflict(
                `unit ${u.callsign} is assigned to incident ${u.incident_number ?? 'another incident'}`,
                {
                  unitId: u.id,
                  callsign: u.callsign,
                  incidentId: u.incident_id,
                  incidentNumber: u.incident_number,
                  status,
                },
              );
            }
            await divert(trx, actor, u, before, now, requestId);
            divertedFrom.add(u.incident_id);
          }
          const d = distances.get(u.id);
          await repo.insertAssignment(trx, {
            incidentId,
            unitId: u.id,
            by: actor.id,
            at: now,
            distanceM: d?.distanceM ?? null,
            etaSeconds: d
              ? dispatchEta(ctx.roads, d.position, before.location.point, d.kind as UnitKind, now).seconds
              : null,
          });
          await repo.setUnitStatus(trx, u.id, 'dispatched', incidentId, now);
          names.push(u.callsign);
        }
        if (names.length === 0) return;
        if (before.status === 'new')
          await incidentsRepo.updateIncident(trx, incidentId, { status: 'dispatched' }, now);
        await incidentsRepo.insertNote(trx, {
          incidentId,
          authorId: actor.id,
          authorName: actor.name,
          kind: 'dispatch',
          text: `dispatched ${names.join(', ')}`,
          at: now,
          code: 'units.dispatched',
          params: { callsigns: names.join(', ') },
        });
      },
      requestId,
    );
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION)
      throw new Conflict('a unit was assigned by someone else at the same moment; reload and retry');
    throw err;
  }
  await announceUnits(ctx, input.unitIds);
  for (const other of divertedFrom)
    await announceIncident(ctx, await loadIncident(ctx.db, other), actor, undefined, true);
  return incident;
}

async function divert(
  trx: Db,
  actor: Actor,
  u: { id: string; callsign: string; incident_id: string | null; incident_number: string | null },
  to: Incident,
  now: Date,
  requestId?: string,
) {
  await repo.releaseUnitAssignment(trx, u.id, `diverted to ${to.number}`, now);
  await incidentsRepo.insertNote(trx, {
    incidentId: u.incident_id!,
    authorId: actor.id,
    authorName: actor.name,
    kind: 'dispatch',
    text: `${u.callsign} diverted to ${to.number}`,
    at: now,
    code: 'unit.diverted',
    params: { callsign: u.callsign, number: to.number },
  });
  await appendAudit(trx, {
    actor,
    action: 'unit.divert',
    targetType: 'unit',
    targetId: u.id,
    before: { incidentId: u.incident_id, incidentNumber: u.incident_number },
    after: { incidentId: to.id, incidentNumber: to.number },
    requestId,
  });
}

/** Incident status follows its units: the first on scene makes it on-scene. Never goes backwards. */
function derivedIncidentStatus(
  current: Incident['status'],
  unitStatuses: UnitStatus[],
): Incident['status'] | null {
  if (current === 'closed') return null;
  if (
    current !== 'on-scene' &&
    unitStatuses.some((s) => s === 'on-scene' || s === 'transporting' || s === 'at-hospital')
  )
    return 'on-scene';
  return null;
}

/** How a crew's device reports a change: when it was made (maybe offline), what to add, and its replay guard. */
export interface StatusChangeOptions {
  /** When the change was made, if earlier than now (sent after being offline); the timeline shows this time. */
  madeAt?: Date;
  /** Added to the timeline line, e.g. the destination hospital. */
  detail?: string;
  /** Runs first in the change's transaction (claims an idempotency key; throws to refuse a replay). */
  guard?: (trx: Db) => Promise<void>;
}

export async function changeUnitStatus(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  status: UnitStatus,
  requestId?: string,
  options: StatusChangeOptions = {},
) {
  if (status === 'dispatched')
    throw new Conflict('units are dispatched by assigning them to an incident', { to: status });
  const incidentId = await ctx.db.transaction().execute(async (trx) => {
    await options.guard?.(trx);
    // Lock order everywhere is incident, then units: read the unit's incident first, lock it, then the unit.
    const holder = await repo.unitIncident(trx, unitId);
    if (holder === undefined) throw new NotFound('unit');
    if (holder) await incidentsRepo.lockIncident(trx, holder);
    const [u] = await repo.lockUnits(trx, [unitId]);
    if (!u) throw new NotFound('unit');
    if (u.incident_id !== holder)
      throw new Conflict('the unit was reassigned at the same moment; retry', { unitId });
    const from = u.status as UnitStatus;
    if (!canTransition(from, status))
      throw new Conflict(`a unit cannot go from ${from} to ${status}`, {
        unitId,
        callsign: u.callsign,
        from,
        to: status,
      });
    const now = ctx.clock();
    const releasing = status === 'available' || status === 'out-of-service';
    if (releasing) await repo.releaseUnitAssignment(trx, unitId, status, now);
    await repo.setUnitStatus(trx, unitId, status, releasing ? null : u.incident_id, now);
    if (u.incident_id) {
      const text = `${u.callsign}: ${from} → ${status}${options.detail ? ` (${options.detail})` : ''}`;
      await incidentsRepo.insertNote(trx, {
        incidentId: u.incident_id,
        authorId: actor.id,
        authorName: actor.name,
        kind: 'status',
        text,
        at: options.madeAt ?? now,
        code: 'unit.status',
        params: { callsign: u.callsign, from, to: status, ...(options.detail && { detail: options.detail }) },
      });
      const [inc] = await incidentsRepo.loadIncidents(trx, [u.incident_id]);
      const next =
        inc && derivedIncidentStatus(inc.status, await repo.assignedUnitStatuses(trx, u.incident_id));
      if (next) await incidentsRepo.updateIncident(trx, u.incident_id, { status: next }, now);
    }
    await appendAudit(trx, {
      actor,
      action: 'unit.status',
      targetType: 'unit',
      targetId: unitId,
      before: { status: from, incidentId: u.incident_id },
      after: options.madeAt ? { status, madeAt: options.madeAt.toISOString() } : { status },
      requestId,
    });
    return u.incident_id;
  });
  await announceUnits(ctx, [unitId]);
  if (incidentId) await announceIncident(ctx, await loadIncident(ctx.db, incidentId), actor, undefined, true);
  return findUnit(ctx.db, unitId, ctx.clock(), ctx.config.AVL_STALE_SECONDS);
}
