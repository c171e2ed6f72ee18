// What call control tells the server about each call, in order; the server's calls worker records them.
import { z } from 'zod';
import { CallEndedBy, CallerLocation } from './call.ts';

const Base = z.object({ sipCallId: z.string().min(1).max(256), at: z.iso.datetime({ offset: true }) });

export const CallEvent = z.discriminatedUnion('type', [
  Base.extend({
    type: z.literal('arrived'),
    callerNumber: z.string().max(64),
    dialedNumber: z.string().max(32),
    location: CallerLocation.nullable(),
    /** The raw Geolocation header and PIDF-LO, kept for the record. */
    locationRaw: z.string().max(70_000).nullable(),
  }),
  Base.extend({ type: z.literal('offered'), extension: z.string() }),
  Base.extend({ type: z.literal('requeued'), extension: z.string().nullable(), reason: z.string() }),
  Base.extend({ type: z.literal('answered'), extension: z.string() }),
  Base.extend({ type: z.literal('abandoned'), callerNumber: z.string() }),
  Base.extend({ type: z.literal('ended'), endedBy: CallEndedBy }),
  /** Taken by the fallback group while call control was away; recorded when it came back. */
  Base.extend({
    type: z.literal('fallback'),
    callerNumber: z.string(),
    dialedNumber: z.string(),
    extension: z.string().nullable(),
  }),
]);
export type CallEvent = z.infer<typeof CallEvent>;
