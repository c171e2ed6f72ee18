// The caller's video recorded with the call: once the call ends, rtpengine's capture of a location link's video
// (its own call in rtpengine, `caller-link-<link id>`) becomes one WebM file with an index row of kind video, or
// a not-recorded row with the reason. Nothing here touches the live video.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRecording, NotRecordedReason } from '@hcm112/shared';
import { appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { type CallerVideo, extractCallerVideo } from './pcap-video.ts';
import { insertStoredVideo, insertVideoNotRecorded, videoRecordingOfLink } from './repository.ts';
import { type CapturedCall, findCapturedCall, removeCapturedCall } from './rtpengine-files.ts';
import { storeVideo } from './video-store.ts';

const SYSTEM = { id: null, name: 'recordings' } as const;

/** rtpengine's call of a link's video, apart from the SIP call's audio. */
export const videoRelayCallId = (linkId: string): string => `caller-link-${linkId}`;

/** Makes the recording of the video sent through `linkId` once; a repeated job returns the row already there. */
export async function makeVideoRecording(
  ctx: AppContext,
  callId: string,
  linkId: string,
): Promise<CallRecording> {
  const existing = await videoRecordingOfLink(ctx.db, linkId);
  if (existing) return existing;
  const log = ctx.log.child({ module: 'recordings', callId, linkId });
  const captured = await settledCapture(ctx, videoRelayCallId(linkId));
  if (!captured) return notRecorded(ctx, callId, linkId, 'no-media-captured');
  const work = await mkdtemp(join(tmpdir(), 'e112-video-'));
  try {
    const ivfPath = join(work, 'video.ivf');
    const video = await extractCallerVideo(captured.pcapPath, ivfPath).catch((err: unknown) => {
      log.warn({ err: String(err) }, 'video capture unreadable');
      return undefined;
    });
    if (video === undefined) return notRecorded(ctx, callId, linkId, 'no-media-captured');
    if (video === null) return notRecorded(ctx, callId, linkId, 'no-video');
    const row = await store(ctx, callId, linkId, video, ivfPath);
    if (!row) return notRecorded(ctx, callId, linkId, 'store-failed');
    await removeCapturedCall(captured);
    log.info(
      { durationMs: video.durationMs, frames: video.frames, sizeBytes: row.sizeBytes },
      'video stored',
    );
    return row;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function store(
  ctx: AppContext,
  callId: string,
  linkId: string,
  video: CallerVideo,
  ivfPath: string,
): Promise<CallRecording | null> {
  const day = new Date(video.startedAtMs).toISOString().slice(0, 10);
  let stored: Awaited<ReturnType<typeof storeVideo>>;
  try {
    stored = await storeVideo(ctx.config.FFMPEG_PATH, ctx.config.RECORDING_STORE_DIR, linkId, day, ivfPath);
  } catch (err) {
    // Disk full or the folder unwritable: the capture stays for a later retry by hand.
    ctx.log.error({ module: 'recordings', linkId, err: String(err) }, 'video not stored');
    return null;
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertStoredVideo(trx, {
      callId,
      linkId,
      startedAt: new Date(video.startedAtMs),
      durationMs: video.durationMs,
      ...stored,
    });
    if (inserted)
      await appendAudit(trx, {
        actor: SYSTEM,
        action: 'recording.stored',
        targetType: 'call',
        targetId: callId,
        after: { ...inserted, frames: video.frames, width: video.width, height: video.height },
      });
    return inserted;
  });
  return row ?? (await videoRecordingOfLink(ctx.db, linkId)) ?? null;
}

/** The capture once rtpengine closed it (the link's relay call is deleted as the call ends), or at the latest
 * RECORDING_SETTLE_SECONDS later; null when rtpengine wrote none. */
async function settledCapture(ctx: AppContext, relayCallId: string): Promise<CapturedCall | null> {
  const until = Date.now() + ctx.config.RECORDING_SETTLE_SECONDS * 1000;
  for (;;) {
    const captured = await findCapturedCall(ctx.config.RECORDING_DIR, relayCallId);
    if (captured?.finished) return captured;
    if (Date.now() >= until) return captured;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function notRecorded(
  ctx: AppContext,
  callId: string,
  linkId: string,
  reason: NotRecordedReason,
): Promise<CallRecording> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertVideoNotRecorded(trx, callId, linkId, reason);
    if (inserted)
      await appendAudit(trx, {
        actor: SYSTEM,
        action: 'recording.not-recorded',
        targetType: 'call',
        targetId: callId,
        after: { reason, callId, linkId, kind: 'video' },
      });
    return inserted;
  });
  ctx.log.warn({ module: 'recordings', callId, linkId, reason }, 'caller video not recorded');
  const result = row ?? (await videoRecordingOfLink(ctx.db, linkId));
  if (!result) throw new Error(`video recording row of link ${linkId} vanished`);
  return result;
}
