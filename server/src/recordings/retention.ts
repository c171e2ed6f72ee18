// Retention of recordings: files older than RECORDING_RETENTION_DAYS are deleted, their index rows kept as the
// record of the deletion (audited); a recording held for an investigation or of an open incident never expires.
import { rm } from 'node:fs/promises';
import type { CallRecording } from '@hcm112/shared';
import { appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { expiringRecordings, markDeleted } from './repository.ts';

const SYSTEM = { id: null, name: 'recordings' } as const;
const DAY_MS = 86_400_000;

/** Deletes every expired recording's file; returns the rows now marked deleted. */
export async function expireRecordings(ctx: AppContext): Promise<CallRecording[]> {
  const now = ctx.clock();
  const before = new Date(now.getTime() - ctx.config.RECORDING_RETENTION_DAYS * DAY_MS);
  const deleted: CallRecording[] = [];
  for (const recording of await expiringRecordings(ctx.db, before)) {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const marked = await markDeleted(trx, recording.id, now);
      if (marked)
        await appendAudit(trx, {
          actor: SYSTEM,
          action: 'recording.expired',
          targetType: 'call',
          targetId: recording.callId,
          before: { status: recording.status, path: recording.path, sha256: recording.sha256 },
          after: { status: 'deleted', retentionDays: ctx.config.RECORDING_RETENTION_DAYS },
        });
      return marked;
    });
    // The row says deleted before the file goes: a crash in between leaves a stray file, never a row
    // pointing at nothing.
    if (row) {
      await rm(recording.path ?? '', { force: true });
      deleted.push(row);
    }
  }
  if (deleted.length) ctx.log.info({ module: 'recordings', count: deleted.length }, 'recordings expired');
  return deleted;
}
