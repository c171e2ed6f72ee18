// When a call's arrival passed each hop on its way from Kamailio to the consoles: the first hops ride on the
// arrival event itself; the rest, and the call-control steps after the event is queued, are collected only when a
// benchmark asks for them (HOP_TRACE), in one Redis list, so production writes nothing more per call.
import { z } from 'zod';

/** Milliseconds since the epoch, with the fraction: hops on one machine are often well under a millisecond apart. */
const Stamp = z.number().nonnegative();

/** Carried on the arrival event (CallEvent "arrived"). */
export const ArrivalHops = z.object({
  /** Kamailio received the INVITE (its $TV(Sn)). */
  invite: Stamp,
  /** Kamailio sent the arrival event to call control over evapi. */
  notified: Stamp,
  /** Call control read the event off the evapi socket. */
  received: Stamp,
  /** Call control began handling it (after the events before it). */
  handled: Stamp,
  /** Call control handed the arrival to the call-events queue (BullMQ). */
  enqueuing: Stamp,
});
export type ArrivalHops = z.infer<typeof ArrivalHops>;

/**
 * The stamps that cannot ride on the event: call control's queue add acknowledged (enqueued) and its own Redis
 * step done (stored), and the server's worker picking the event up (picked), its PostgreSQL commit (committed),
 * and its realtime publish to consoles (published).
 */
export const HopName = z.enum([
  ...ArrivalHops.keyof().options,
  'enqueued',
  'stored',
  'picked',
  'committed',
  'published',
]);
export type HopName = z.infer<typeof HopName>;

/** One entry of the trace list: some of a call's stamps, from one process. */
export const HopTraceEntry = z.object({
  sipCallId: z.string().min(1),
  hops: z.partialRecord(HopName, Stamp),
});
export type HopTraceEntry = z.infer<typeof HopTraceEntry>;

/** The Redis list the trace is collected in (HOP_TRACE on). */
export const hopTraceKey = (prefix: string) => `${prefix}:hop-trace`;

/** Now, as a hop stamp: the wall clock with sub-millisecond resolution, comparable with Kamailio's. */
export const hopNow = (): number => performance.timeOrigin + performance.now();

/** Kamailio's "seconds.microseconds" as a hop stamp. */
export function kamailioStamp(at: string): number {
  const [s = '0', us = '0'] = at.split('.');
  return Number(s) * 1000 + Number(us.padEnd(6, '0').slice(0, 6)) / 1000;
}
