// Closing an incident (freeing only the units the dispatcher names), reopening a closed one, and the history search.
import type {
  CloseIncidentRequest,
  Incident,
  IncidentHistoryQuery,
  ReopenIncidentRequest,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { assignedUnitIds, releaseIncidentUnits } from '../dispatch/repository.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { announceIncident } from './publish.ts';
import * as repo from './repository.ts';
import { changeIncident, loadIncident } from './service.ts';

export async function closeIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CloseIncidentRequest,
  requestId?: string,
) {
  const released: string[] = [];
  const incident = await changeIncident(
    ctx,
    actor,
    id,
    'incident.close',
    async (trx, _before, now) => {
      if (input.releaseUnitIds) {
        const assigned = await assignedUnitIds(trx, id);
        const stranger = input.releaseUnitIds.find((u) => !assigned.includes(u));
        if (stranger)
          throw new Invalid('a unit to release is not assigned to this incident', {
            releaseUnitIds: `unit ${stranger} is not assigned here`,
          });
      }
      released.push(...(await releaseIncidentUnits(trx, id, 'incident closed', now, input.releaseUnitIds)));
      await repo.updateIncident(
        trx,
        id,
        { status: 'closed', disposition: input.disposition, closedAt: now },
        now,
      );
      const text = `closed: ${input.disposition}${input.note ? ` — ${input.note}` : ''}`;
      await repo.insertNote(trx, {
        incidentId: id,
        authorId: actor.id,
        authorName: actor.name,
        kind: 'status',
        text,
        at: now,
        code: 'incident.closed',
        params: { disposition: input.disposition, ...(input.note && { note: input.note }) },
      });
    },
    requestId,
  );
  return { incident, releasedUnitIds: released };
}

/** Opens a closed incident again: it goes back to the dispatch list with the units that still hold it. */
export async function reopenIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ReopenIncidentRequest,
  requestId?: string,
): Promise<Incident> {
  const before = await ctx.db.transaction().execute(async (trx: Db) => {
    const locked = await repo.lockIncident(trx, id);
    if (!locked) throw new NotFound('incident');
    if (locked.status !== 'closed') throw new Conflict(`incident ${locked.number} is not closed`);
    const current = await loadIncident(trx, id);
    const now = ctx.clock();
    const status = current.assignments.length > 0 ? 'dispatched' : 'new';
    await repo.updateIncident(trx, id, { status, disposition: null, closedAt: null }, now);
    await repo.insertNote(trx, {
      incidentId: id,
      authorId: actor.id,
      authorName: actor.name,
      kind: 'status',
      text: `reopened — ${input.reason}`,
      at: now,
      code: 'incident.reopened',
      params: { reason: input.reason },
    });
    await appendAudit(trx, {
      actor,
      action: 'incident.reopen',
      targetType: 'incident',
      targetId: id,
      before: current,
      after: { ...(await loadIncident(trx, id)), reason: input.reason },
      requestId,
    });
    return current;
  });
  const incident = await loadIncident(ctx.db, id);
  await announceIncident(ctx, incident, actor, before);
  return incident;
}

export async function searchHistory(db: Db, q: IncidentHistoryQuery): Promise<Incident[]> {
  const ids = await repo.searchIncidentIds(db, {
    text: q.q,
    type: q.type,
    closedOnly: q.status === 'closed',
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    limit: q.limit,
  });
  return repo.loadIncidents(db, ids);
}
