// The rules of call recordings: after an answered call ends, its capture becomes one stored two-channel file
// with an index row, or a not-recorded row with the reason; never anything that touches the call itself.
import { access } from 'node:fs/promises';
import type { CallRecording, NotRecordedReason, RecordingJob } from '@hcm112/shared';
import { appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { decodeCallAudio } from './pcap-audio.ts';
import { insertNotRecorded, insertStored, recordingOfCall } from './repository.ts';
import { type CapturedCall, findCapturedCall, removeCapturedCall } from './rtpengine-files.ts';
import { storeRecording } from './store.ts';

const SYSTEM = { id: null, name: 'recordings' } as const;

/** Makes the call's recording once; a repeated job returns the row already there. */
export async function makeRecording(ctx: AppContext, job: RecordingJob): Promise<CallRecording> {
  const legId = job.legId ?? null;
  const existing = await recordingOfCall(ctx.db, job.callId, legId);
  if (existing) return existing;
  const log = ctx.log.child({ module: 'recordings', callId: job.callId, legId });
  const captured = await settledCapture(ctx, job.sipCallId);
  if (!captured) return notRecorded(ctx, job.callId, 'no-media-captured', legId);
  const audio = await decodeCallAudio(captured.pcapPath, captured.callerPort).catch((err: unknown) => {
    log.warn({ err: String(err) }, 'capture unreadable');
    return undefined;
  });
  if (audio === undefined) return notRecorded(ctx, job.callId, 'no-media-captured', legId);
  if (audio === null) return notRecorded(ctx, job.callId, 'no-audio', legId);
  const day = new Date(audio.startedAtMs).toISOString().slice(0, 10);
  let stored: Awaited<ReturnType<typeof storeRecording>>;
  try {
    stored = await storeRecording(
      ctx.config.FFMPEG_PATH,
      ctx.config.RECORDING_STORE_DIR,
      // A leg's file is named by the leg: `<day>/<leg id>.flac`, left channel the console, right the far end.
      legId ?? job.callId,
      day,
      audio.pcm,
    );
  } catch (err) {
    // Disk full or the folder unwritable: the capture stays for a later retry by hand, the alert is raised.
    log.error({ err: String(err), dir: ctx.config.RECORDING_STORE_DIR }, 'recording not stored');
    return notRecorded(ctx, job.callId, 'store-failed', legId);
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertStored(trx, {
      callId: job.callId,
      legId,
      startedAt: new Date(audio.startedAtMs),
      durationMs: audio.durationMs,
      ...stored,
    });
    if (inserted)
      await appendAudit(trx, {
        actor: SYSTEM,
        action: 'recording.stored',
        targetType: legId ? 'call-leg' : 'call',
        targetId: legId ?? job.callId,
        after: inserted,
      });
    return inserted;
  });
  await removeCapturedCall(captured);
  log.info({ durationMs: audio.durationMs, sizeBytes: stored.sizeBytes }, 'recording stored');
  return (
    row ??
    (await recordingOfCall(ctx.db, job.callId, legId)) ??
    notRecorded(ctx, job.callId, 'store-failed', legId)
  );
}

/**
 * The capture once rtpengine closed it, waiting up to RECORDING_SETTLE_SECONDS after the hang-up. rtpengine
 * writes the metadata at the first offer, so a call without one at hang-up never gets one: no wait then.
 */
async function settledCapture(ctx: AppContext, sipCallId: string): Promise<CapturedCall | null> {
  const until = Date.now() + ctx.config.RECORDING_SETTLE_SECONDS * 1000;
  for (;;) {
    const captured = await findCapturedCall(ctx.config.RECORDING_DIR, sipCallId);
    if (!captured) return null;
    if (captured.finished) return captured;
    if (Date.now() >= until) return (await exists(captured.pcapPath)) ? captured : null;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function notRecorded(
  ctx: AppContext,
  callId: string,
  reason: NotRecordedReason,
  legId: string | null = null,
): Promise<CallRecording> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertNotRecorded(trx, callId, reason, legId);
    if (inserted)
      await appendAudit(trx, {
        actor: SYSTEM,
        action: 'recording.not-recorded',
        targetType: legId ? 'call-leg' : 'call',
        targetId: legId ?? callId,
        after: { reason, callId },
      });
    return inserted;
  });
  ctx.log.warn({ module: 'recordings', callId, legId, reason }, 'call not recorded');
  const result = row ?? (await recordingOfCall(ctx.db, callId, legId));
  if (!result) throw new Error(`recording row of ${callId} vanished`);
  return result;
}
