// The rules of incidents: opening (from a call or by hand), editing, notes, linking calls, duplicates.
import {
  type AddNoteRequest,
  type CreateIncidentRequest,
  type DuplicateCandidate,
  type DuplicateQuery,
  defaultPriority,
  type GeoPoint,
  type Incident,
  INCIDENT_TYPES,
  type IncidentType,
  isKnownSubtype,
  type UpdateIncidentRequest,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { findCall, linkCallToIncident } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { announceIncident } from './publish.ts';
import * as repo from './repository.ts';

const DUPLICATE_RADIUS_M = 300;
const DUPLICATE_WINDOW_MINUTES = 120;

function checkSubtype(type: IncidentType, subtype: string): void {
  if (!isKnownSubtype(type, subtype)) {
    const known = Object.keys(INCIDENT_TYPES[type].subtypes).join(', ');
    throw new Invalid(`unknown subtype ${subtype} for ${type}`, { subtype: `must be one of ${known}` });
  }
}

export async function loadIncident(db: Db, id: string): Promise<Incident> {
  const [incident] = await repo.loadIncidents(db, [id]);
  if (!incident) throw new NotFound('incident');
  return incident;
}

export async function listIncidents(db: Db, which: 'open' | 'closed' | 'all'): Promise<Incident[]> {
  return repo.loadIncidents(db, await repo.listIncidentIds(db, which, 500));
}

export async function findDuplicates(
  ctx: AppContext,
  q: DuplicateQuery,
  excludeId?: string,
): Promise<DuplicateCandidate[]> {
  const now = ctx.clock();
  const rows = await repo.findDuplicateCandidates(ctx.db, {
    point: { lat: q.lat, lon: q.lon },
    type: q.type,
    radiusM: q.radiusM,
    since: new Date(now.getTime() - q.windowMinutes * 60_000),
    excludeId,
  });
  return rows.map((r) => ({
    incidentId: r.id,
    number: r.number,
    type: r.type as IncidentType,
    subtype: r.subtype,
    priority: r.priority,
    address: r.address,
    distanceM: Math.round(r.distance_m),
    ageSeconds: Math.max(0, Math.round((now.getTime() - r.created_at.getTime()) / 1000)),
  }));
}

/** Runs inside the creating transaction: what must commit (or roll back) with the new incident. */
export type AlongWithIncident = (trx: Db, incidentId: string) => Promise<void>;

export async function createIncident(
  ctx: AppContext,
  actor: Actor,
  input: CreateIncidentRequest,
  requestId?: string,
  alongWith?: AlongWithIncident,
) {
  checkSubtype(input.type, input.subtype);
  const now = ctx.clock();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const call = input.callId ? await findCall(trx, input.callId, true) : undefined;
    if (input.callId && !call) throw new NotFound('call');
    if (call?.incidentId)
      throw new Conflict('the call is already linked to an incident', { incidentId: call.incidentId });
    const point: GeoPoint | undefined = input.location?.point ?? call?.location?.point;
    if (!point)
      throw new Invalid('a location is required', { location: 'required when the call has no location' });
    const typed = input.location?.address?.trim();
    const found = typed ? null : await ctx.addresses.reverse(point);
    const number = await repo.nextIncidentNumber(trx, now.getUTCFullYear());
    const incidentId = await repo.insertIncident(trx, {
      number,
      type: input.type,
      subtype: input.subtype,
      priority: input.priority ?? defaultPriority(input.type, input.subtype),
      point,
      address: typed || found?.label || '',
      district: found ? found.district : await ctx.addresses.districtOf(point),
      createdBy: actor.id,
      at: now,
    });
    if (call) {
      await linkCallToIncident(trx, call.id, incidentId);
      await repo.insertNote(trx, {
        incidentId,
        authorId: actor.id,
        authorName: actor.name,
        kind: 'call',
        text: `call from ${call.callerNumber} (${call.service})`,
        at: now,
        code: 'call.from',
        params: { number: call.callerNumber, service: call.service },
      });
    }
    if (input.note)
      await repo.insertNote(trx, {
        incidentId,
        authorId: actor.id,
        authorName: actor.name,
        kind: 'note',
        text: input.note,
        at: now,
      });
    if (alongWith) await alongWith(trx, incidentId);
    await appendAudit(trx, {
      actor,
      action: 'incident.create',
      targetType: 'incident',
      targetId: incidentId,
      after: { ...input, number },
      requestId,
    });
    return incidentId;
  });
  const incident = await loadIncident(ctx.db, id);
  await announceIncident(ctx, incident, actor);
  const p = incident.location.point;
  const duplicates = await findDuplicates(
    ctx,
    {
      lat: p.lat,
      lon: p.lon,
      type: incident.type,
      radiusM: DUPLICATE_RADIUS_M,
      windowMinutes: DUPLICATE_WINDOW_MINUTES,
    },
    id,
  );
  return { incident, duplicates };
}

/** Runs a change on one locked, open incident with its audit row; then publishes the new state. */
export async function changeIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: string,
  change: (trx: Db, before: Incident, now: Date) => Promise<void>,
  requestId?: string,
): Promise<Incident> {
  const before = await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockIncident(trx, id);
    if (!locked) throw new NotFound('incident');
    if (locked.status === 'closed') throw new Conflict(`incident ${locked.number} is closed`);
    const current = await loadIncident(trx, id);
    const now = ctx.clock();
    await change(trx, current, now);
    const after = await loadIncident(trx, id);
    await appendAudit(trx, {
      actor,
      action,
      targetType: 'incident',
      targetId: id,
      before: current,
      after,
      requestId,
    });
    return current;
  });
  const incident = await loadIncident(ctx.db, id);
  await announceIncident(ctx, incident, actor, before);
  return incident;
}

export function updateIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateIncidentRequest,
  requestId?: string,
) {
  return changeIncident(
    ctx,
    actor,
    id,
    'incident.update',
    async (trx, before, now) => {
      const type = input.type ?? before.type;
      const subtype = input.subtype ?? (input.type ? undefined : before.subtype);
      if (!subtype) throw new Invalid('a new type needs its subtype', { subtype: 'required with type' });
      checkSubtype(type, subtype);
      const point = input.location?.point;
      const found = point && !input.location?.address ? await ctx.addresses.reverse(point) : null;
      await repo.updateIncident(
        trx,
        id,
        {
          type,
          subtype,
          priority: input.priority,
          point,
          address: input.location ? input.location.address || found?.label || '' : undefined,
          district: point ? await ctx.addresses.districtOf(point) : undefined,
          callerName: input.callerName === undefined ? undefined : input.callerName || null,
          callbackNumber: input.callbackNumber === undefined ? undefined : input.callbackNumber || null,
        },
        now,
      );
      if (point) {
        const text = `location moved to ${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}`;
        await repo.insertNote(trx, {
          incidentId: id,
          authorId: actor.id,
          authorName: actor.name,
          kind: 'location',
          text,
          at: now,
          code: 'location.moved',
          params: { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) },
        });
      }
    },
    requestId,
  );
}

export function addNote(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AddNoteRequest,
  requestId?: string,
) {
  return changeIncident(
    ctx,
    actor,
    id,
    'incident.note',
    async (trx, _before, now) => {
      await repo.insertNote(trx, {
        incidentId: id,
        authorId: actor.id,
        authorName: actor.name,
        kind: 'note',
        text: input.text,
        at: now,
      });
    },
    requestId,
  );
}

export function linkCall(ctx: AppContext, actor: Actor, id: string, callId: string, requestId?: string) {
  return changeIncident(
    ctx,
    actor,
    id,
    'incident.link-call',
    async (trx, _before, now) => {
      const call = await findCall(trx, callId, true);
      if (!call) throw new NotFound('call');
      if (call.incidentId && call.incidentId !== id)
        throw new Conflict('the call is linked to another incident', { incidentId: call.incidentId });
      await linkCallToIncident(trx, callId, id);
      await repo.insertNote(trx, {
        incidentId: id,
        authorId: actor.id,
        authorName: actor.name,
        kind: 'call',
        text: `call from ${call.callerNumber} linked`,
        at: now,
        code: 'call.linked',
        params: { number: call.callerNumber },
      });
    },
    requestId,
  );
}
