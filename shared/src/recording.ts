// A call's recording as the index in PostgreSQL keeps it: both parties in one two-channel file, or why not.
import { z } from 'zod';

/**
 * ready: the file is stored and its sha256 known; not-recorded: the call went on without a recording (reason
 * says why); deleted: retention removed the file, the row stays as the record that it existed.
 */
export const RecordingStatus = z.enum(['ready', 'not-recorded', 'deleted']);
export type RecordingStatus = z.infer<typeof RecordingStatus>;

/** Why a call has no recording, as the wallboard and the call history show it. */
export const NotRecordedReason = z.enum([
  /** rtpengine wrote no pcap for the call (recording folder unwritable or full, relay away). */
  'no-media-captured',
  /** The pcap held no G.711 audio either way. */
  'no-audio',
  /** Encoding or storing the file failed (disk full, folder unwritable, ffmpeg failed). */
  'store-failed',
  /** A caller's video: the capture held no whole VP8 frame from the phone (no key frame ever arrived). */
  'no-video',
]);
export type NotRecordedReason = z.infer<typeof NotRecordedReason>;

/** audio: the call's two-channel audio (or a leg's); video: the caller's camera sent through a location link. */
export const RecordingKind = z.enum(['audio', 'video']);
export type RecordingKind = z.infer<typeof RecordingKind>;

export const CallRecording = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  kind: RecordingKind,
  /** The location link (caller_links) whose video this recording is; null for audio. */
  linkId: z.uuid().nullable(),
  /** The console's call out of the call (hand-over, callback) this recording is of; null: the call itself. */
  legId: z.uuid().nullable(),
  status: RecordingStatus,
  reason: NotRecordedReason.nullable(),
  /** When the first audio packet was captured. */
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** Path of the file: FLAC (left channel the caller, right the call-taker) or, for video, WebM (VP8). */
  path: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  deletedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Held for an investigation: never expires. */
  held: z.boolean(),
});
export type CallRecording = z.infer<typeof CallRecording>;

/** The recordings folder as the server last checked it: full (under 1 % or 200 MB free) and unwritable alert. */
export const RecordingStoreState = z.enum(['ok', 'full', 'unwritable']);
export type RecordingStoreState = z.infer<typeof RecordingStoreState>;

/** BullMQ job: make the recording of an answered call once it ended (queue `recordings`). */
export const RecordingJob = z.object({
  callId: z.uuid(),
  sipCallId: z.string().min(1),
  /** A console's call out of this call (a hand-over or callback leg): its own recording, linked to the call. */
  legId: z.uuid().optional(),
  /** The caller's video sent through this location link (sipCallId is then rtpengine's call of the link). */
  linkId: z.uuid().optional(),
});
export type RecordingJob = z.infer<typeof RecordingJob>;
export const RECORDINGS_QUEUE = 'recordings';

/** PUT /calls/:id/recording/hold: keep (or stop keeping) the recording past retention, for an investigation. */
export const HoldRecordingRequest = z.object({ held: z.boolean() }).strict();
export type HoldRecordingRequest = z.infer<typeof HoldRecordingRequest>;

/** GET /calls/:id/recording/audio?download=1: as an attachment (audited as downloaded, else as played). */
export const RecordingAudioQuery = z.object({ download: z.enum(['0', '1']).default('0') }).strict();
export type RecordingAudioQuery = z.infer<typeof RecordingAudioQuery>;

/** GET /calls/:id/video-recordings/:recordingId/video?download=1: the same choice for a caller's video. */
export const RecordingVideoQuery = RecordingAudioQuery;
export type RecordingVideoQuery = RecordingAudioQuery;

/**
 * POST /calls/:id/recording/live-recall: the call-taker replays the last `seconds` of their current call from the
 * console's own buffer (the audio never leaves the browser); the server only records that they did.
 */
export const LiveRecallRequest = z.object({ seconds: z.number().int().min(1).max(60) }).strict();
export type LiveRecallRequest = z.infer<typeof LiveRecallRequest>;
