// The wall display ("TV mode"): every figure of the supervisor wallboard in one read-only document, and the
// display credentials a supervisor or admin gives a wall screen (read-only, revocable, expiring).
import { z } from 'zod';
import { Agency, ServiceNumber } from './agency.ts';
import { AgentReason, AgentState, CallStats } from './call.ts';
import { IncidentType } from './incident-type.ts';

/** A console user's presence on the floor: call-takers as the ACD sees them, others by their console. */
export const DeskState = z.enum(['console-open', 'signed-in']);
export type DeskState = z.infer<typeof DeskState>;
export const PersonState = z.union([AgentState, DeskState]);
export type PersonState = z.infer<typeof PersonState>;

export const WallboardPerson = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: z.enum(['call-taker', 'dispatcher', 'supervisor']),
  state: PersonState,
  /** When the current state began (time in state = now - since). */
  since: z.iso.datetime({ offset: true }),
  reason: AgentReason.nullable(),
});
export type WallboardPerson = z.infer<typeof WallboardPerson>;

/** A waiting call as the room may see it: no caller number on a wall screen. */
export const WaitingCall = z.object({
  service: ServiceNumber,
  state: z.enum(['queued', 'ringing-agent', 'fallback']),
  waitSeconds: z.number().nonnegative(),
});
export type WaitingCall = z.infer<typeof WaitingCall>;

export const HourCount = z.object({
  /** Hour of the day in the centre's time zone, 0-23. */
  hour: z.number().int().min(0).max(23),
  calls: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  abandoned: z.number().int().nonnegative(),
});
export type HourCount = z.infer<typeof HourCount>;

export const AgencyUnits = z.object({
  agency: Agency,
  available: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export const WardUnits = z.object({ ward: z.string().nullable(), available: z.number().int().nonnegative() });

export const UnassignedIncident = z.object({
  id: z.uuid(),
  number: z.string(),
  type: IncidentType,
  subtype: z.string(),
  priority: z.number().int(),
  ward: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Past the escalation policy's time for its priority. */
  escalated: z.boolean(),
});
export type UnassignedIncident = z.infer<typeof UnassignedIncident>;

export const WallboardFigures = z.object({
  at: z.iso.datetime({ offset: true }),
  /** The centre's time zone (IANA), for the wall clock and the hours of the day. */
  timeZone: z.string(),
  calls: CallStats,
  /** Abandoned over answered + abandoned today; null when no call was offered. */
  abandonedRate: z.number().min(0).max(1).nullable(),
  waitingByService: z.record(ServiceNumber, z.number().int().nonnegative()),
  waitingCalls: z.array(WaitingCall),
  callsPerHour: z.array(HourCount),
  people: z.array(WallboardPerson),
  unitsByAgency: z.array(AgencyUnits),
  availableByWard: z.array(WardUnits),
  openCameraAlerts: z.number().int().nonnegative(),
  unassignedIncidents: z.array(UnassignedIncident),
  /** The wall display this was read with; null when read with a person's session. */
  display: z.object({ name: z.string(), expiresAt: z.iso.datetime({ offset: true }) }).nullable(),
});
export type WallboardFigures = z.infer<typeof WallboardFigures>;

/** POST /wallboard/displays: the screen's name (where it hangs) and for how many days it stays signed in. */
export const CreateDisplayRequest = z.object({
  name: z.string().trim().min(1).max(80),
  days: z.number().int().min(1).max(30),
});
export type CreateDisplayRequest = z.infer<typeof CreateDisplayRequest>;

export const WallDisplay = z.object({
  id: z.uuid(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  revokedBy: z.string().nullable(),
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
  /** The address it was last read from: a display seen from an unexpected address is a stolen credential. */
  lastIp: z.string().nullable(),
});
export type WallDisplay = z.infer<typeof WallDisplay>;
