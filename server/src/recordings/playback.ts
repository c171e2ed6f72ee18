// Who may hear a call's recording, and the file itself checked against its sha256 before a byte is served:
// a missing or altered file is reported (and audited), never played as if it were the call.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { CallRecording, User } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { findCall } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import { lastEndedCallOf, recordingOfCall, videoRecordingsOfCall } from './repository.ts';

/** How much of a call a call-taker may replay (instant recall). */
export const RECALL_SECONDS = 60;

export type Listening = 'played' | 'downloaded' | 'recalled';

/** The recording's index row: supervisors, dispatchers and admins any call's; a call-taker their own calls'. */
export async function recordingFor(ctx: AppContext, user: User, callId: string): Promise<CallRecording> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new NotFound('call');
  if (user.role === 'call-taker' && call.agentUserId !== user.id) throw new Forbidden('not your call');
  const recording = await recordingOfCall(ctx.db, callId);
  if (!recording) throw new NotFound('recording');
  return recording;
}

/**
 * The file's bytes once its sha256 matches the index: whole for supervisors and dispatchers (played or
 * downloaded), the last RECALL_SECONDS of the call-taker's last finished call for them. Audited either way.
 */
export async function listen(
  ctx: AppContext,
  user: User,
  callId: string,
  how: Listening,
  requestId?: string,
): Promise<Buffer> {
  const actor: Actor = { id: user.id, name: user.username };
  if (user.role === 'call-taker') {
    if (how !== 'recalled')
      throw new Forbidden('call-takers may replay the last 60 s of their last call only');
    const last = await lastEndedCallOf(ctx.db, user.id);
    if (last !== callId) throw new Forbidden('only your last finished call can be replayed');
  } else if (how === 'recalled') throw new Forbidden('recall is the call-taker’s replay of their own call');
  const recording = await recordingFor(ctx, user, callId);
  const audit = (action: string, after: Record<string, unknown>) =>
    appendAudit(ctx.db, { actor, action, targetType: 'call', targetId: callId, after, requestId });
  const bytes = await checkedFile(recording, audit);
  await audit(`recording.${how}`, { recordingId: recording.id, sha256: recording.sha256 });
  return how === 'recalled'
    ? lastSeconds(ctx.config.FFMPEG_PATH, recording.path ?? '', RECALL_SECONDS)
    : bytes;
}

/** The call's recordings of the caller's video (location links), the same roles as its audio's index row. */
export async function videoRecordingsFor(
  ctx: AppContext,
  user: User,
  callId: string,
): Promise<CallRecording[]> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new NotFound('call');
  if (user.role === 'call-taker' && call.agentUserId !== user.id) throw new Forbidden('not your call');
  return videoRecordingsOfCall(ctx.db, callId);
}

/**
 * One of the call's video recordings, its bytes once its sha256 matches the index (supervisors, dispatchers,
 * admins: the routes allow no one else), played or downloaded; audited like audio, with the kind.
 */
export async function watchRecording(
  ctx: AppContext,
  user: User,
  callId: string,
  recordingId: string,
  how: Exclude<Listening, 'recalled'>,
  requestId?: string,
): Promise<Buffer> {
  const recording = (await videoRecordingsFor(ctx, user, callId)).find((r) => r.id === recordingId);
  if (!recording) throw new NotFound('recording');
  const audit = (action: string, after: Record<string, unknown>) =>
    appendAudit(ctx.db, {
      actor: { id: user.id, name: user.username },
      action,
      targetType: 'call',
      targetId: callId,
      after: { ...after, kind: 'video' },
      requestId,
    });
  const bytes = await checkedFile(recording, audit);
  await audit(`recording.${how}`, { recordingId: recording.id, sha256: recording.sha256 });
  return bytes;
}

/**
 * The call-taker replays the last `seconds` of the call they are on, from their console's buffer: allowed only on
 * their own answered call, and audited like any other playback.
 */
export async function recordLiveRecall(
  ctx: AppContext,
  user: User,
  callId: string,
  seconds: number,
  requestId?: string,
): Promise<void> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new NotFound('call');
  if (call.agentUserId !== user.id) throw new Forbidden('not your call');
  if (call.state !== 'answered') throw new Conflict('the call is not in progress: replay its recording');
  await appendAudit(ctx.db, {
    actor: { id: user.id, name: user.username },
    action: 'recording.recalled-live',
    targetType: 'call',
    targetId: callId,
    after: { seconds, source: 'console' },
    requestId,
  });
}

async function checkedFile(
  recording: CallRecording,
  audit: (action: string, after: Record<string, unknown>) => Promise<void>,
): Promise<Buffer> {
  if (recording.status === 'not-recorded')
    throw new Conflict('this call was not recorded', { recording: 'not-recorded', reason: recording.reason });
  if (recording.status === 'deleted')
    throw new Conflict('the recording was deleted when its retention ended', {
      recording: 'deleted',
      deletedAt: recording.deletedAt,
    });
  const bytes = await readFile(recording.path ?? '').catch(() => null);
  if (!bytes) {
    await audit('recording.missing', { recordingId: recording.id, path: recording.path });
    throw new Conflict('the recording file is missing', { recording: 'missing' });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== recording.sha256) {
    await audit('recording.tampered', {
      recordingId: recording.id,
      expected: recording.sha256,
      found: sha256,
    });
    throw new Conflict('the recording file does not match its sha256: it was altered', {
      recording: 'tampered',
    });
  }
  return bytes;
}

/** The last `seconds` of the (already checked) file, as FLAC: ffmpeg seeks from its end. */
function lastSeconds(ffmpeg: string, path: string, seconds: number): Promise<Buffer> {
  const args = ['-v', 'error', '-nostdin', '-sseof', `-${seconds}`, '-i', path].concat([
    '-c:a',
    'flac',
    '-f',
    'flac',
    'pipe:1',
  ]);
  return new Promise((ok, fail) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? ok(Buffer.concat(out)) : fail(new Error(`ffmpeg exited ${code}: ${stderr.slice(0, 300)}`)),
    );
  });
}
