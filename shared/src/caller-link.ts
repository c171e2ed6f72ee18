// The location link a call-taker sends a caller: opened in the phone's browser, it shares the phone's GPS position
// with the call's location history until the call ends.
import { z } from 'zod';

/** What became of the SMS carrying the link: the link is shown to read out whatever the SMS did. */
export const CallerLinkSms = z.enum(['sent', 'failed', 'not-configured', 'not-asked']);
export type CallerLinkSms = z.infer<typeof CallerLinkSms>;

export const CreateCallerLinkRequest = z
  .object({
    /** The number to text the link to; the call's own number when left out; `sms: false` shows it only. */
    to: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ().-]{5,24}$/, 'a phone number')
      .optional(),
    sms: z.boolean().default(true),
  })
  .strict();
export type CreateCallerLinkRequest = z.infer<typeof CreateCallerLinkRequest>;

export const CallerLink = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  /** The link itself: shown to the call-taker to read out, never stored (only its hash is). */
  url: z.url(),
  expiresAt: z.iso.datetime({ offset: true }),
  smsTo: z.string().nullable(),
  sms: CallerLinkSms,
});
export type CallerLink = z.infer<typeof CallerLink>;

/** One position from the caller's phone (the browser's Geolocation API: coordinates.latitude, ..., timestamp). */
export const LinkPositionRequest = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    /** The browser's accuracy: radius in metres (95 % confidence). */
    accuracyM: z.number().nonnegative().max(100_000),
    /** When the phone determined it. */
    at: z.iso.datetime({ offset: true }),
  })
  .strict();
export type LinkPositionRequest = z.infer<typeof LinkPositionRequest>;

/** The fewest milliseconds between two positions a link records; faster ones are refused (429). */
export const LINK_POSITION_MIN_INTERVAL_MS = 500;

/** A WebRTC session description: the caller's offer of video, or a console's answer to watch it. */
const Sdp = z.string().min(10).max(20_000);

export const VideoOfferRequest = z.object({ sdp: Sdp }).strict();
export type VideoOfferRequest = z.infer<typeof VideoOfferRequest>;

/** The relay's offer to one console watching a caller's video; the console answers with `viewer` and its SDP. */
export const VideoWatchOffer = z.object({ viewer: z.string().regex(/^v-[0-9a-f]{16}$/), sdp: Sdp });
export type VideoWatchOffer = z.infer<typeof VideoWatchOffer>;

export const VideoWatchAnswer = VideoWatchOffer.strict();
export type VideoWatchAnswer = z.infer<typeof VideoWatchAnswer>;

/** Whether the call has live video from the caller's phone (only ever after the caller's consent). */
export const CallVideoState = z.object({ callId: z.uuid(), live: z.boolean() });
export type CallVideoState = z.infer<typeof CallVideoState>;
