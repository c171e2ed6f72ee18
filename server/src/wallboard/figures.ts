// Every figure of the wall display in one document: today's call figures, calls by hour and by number dialled,
// each call-taker, dispatcher and supervisor on the floor with their state and since when, units free by agency
// and ward, open camera alerts and open incidents with no unit (flagged past the escalation policy's time).
import {
  type PersonState,
  unassignedLimitSeconds,
  type IncidentType,
  type WallboardFigures,
  type WallboardPerson,
} from '@hcm112/shared';
import { callTakerStatuses } from '../call-takers/service.ts';
import { startOfDay } from '../calls/repository.ts';
import { callStats } from '../calls/service.ts';
import type { AppContext } from '../context.ts';
import { escalationPolicy } from '../incidents/escalation.ts';
import type { DeskPresence } from './desk-presence.ts';
import * as repo from './figures-repository.ts';

/** Who is on the floor: call-takers not offline (ACD), then dispatchers and supervisors signed in. */
async function peopleOnTheFloor(ctx: AppContext, desks: DeskPresence, now: Date): Promise<WallboardPerson[]> {
  const takers = (await callTakerStatuses(ctx)).filter((c) => c.state !== 'offline');
  const names = await repo.displayNames(
    ctx.db,
    takers.map((c) => c.userId),
  );
  const idle = ctx.config.SESSION_IDLE_MINUTES;
  const idleSince = idle > 0 ? new Date(now.getTime() - idle * 60_000) : undefined;
  const [signedIn, open] = await Promise.all([repo.signedInDesks(ctx.db, now, idleSince), desks.open()]);
  const people: WallboardPerson[] = takers.map((c) => ({
    userId: c.userId,
    displayName: names.get(c.userId) ?? c.username,
    role: 'call-taker',
    state: c.state,
    since: c.since,
    reason: c.reason,
  }));
  for (const d of signedIn) {
    const openSince = open.get(d.userId);
    const state: PersonState = openSince ? 'console-open' : 'signed-in';
    people.push({
      userId: d.userId,
      displayName: d.displayName,
      role: d.role,
      state,
      since: (openSince ?? d.since).toISOString(),
      reason: null,
    });
  }
  return people;
}

export async function wallboardFigures(
  ctx: AppContext,
  desks: DeskPresence,
  display: WallboardFigures['display'],
): Promise<WallboardFigures> {
  const now = ctx.clock();
  const since = await startOfDay(ctx.db, now, ctx.config.TIME_ZONE);
  const policy = escalationPolicy(ctx.config);
  const [calls, perHour, waiting, people, byAgency, byWard, alerts, unassigned] = await Promise.all([
    callStats(ctx),
    repo.callsPerHour(ctx.db, since, now, ctx.config.TIME_ZONE),
    repo.waitingCalls(ctx.db, now),
    peopleOnTheFloor(ctx, desks, now),
    repo.unitsByAgency(ctx.db),
    repo.availableByWard(ctx.db),
    repo.openCameraAlerts(ctx.db),
    repo.incidentsWithoutUnit(ctx.db),
  ]);
  const offered = calls.answeredToday + calls.abandonedToday;
  return {
    at: now.toISOString(),
    timeZone: ctx.config.TIME_ZONE,
    calls,
    abandonedRate: offered ? calls.abandonedToday / offered : null,
    waitingByService: repo.waitingByService(waiting),
    waitingCalls: waiting,
    callsPerHour: perHour,
    people,
    unitsByAgency: byAgency,
    availableByWard: byWard,
    openCameraAlerts: alerts,
    unassignedIncidents: unassigned.map((i) => {
      const limit = unassignedLimitSeconds(policy, i.priority);
      return {
        id: i.id,
        number: i.number,
        type: i.type as IncidentType,
        subtype: i.subtype,
        priority: i.priority,
        ward: i.ward,
        createdAt: i.created_at.toISOString(),
        escalated: limit !== null && now.getTime() - i.created_at.getTime() >= limit * 1000,
      };
    }),
    display,
  };
}
