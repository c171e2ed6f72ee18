// HTTP routes for call recordings: the index row, playback or download (supervisors, dispatchers, admins),
// a call-taker's instant recall of their last call (and the record that they replayed their current one from the
// console's buffer), and holding a recording for an investigation.
import { HoldRecordingRequest, LiveRecallRequest, RecordingAudioQuery } from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import { listen, recordLiveRecall, recordingFor } from './playback.ts';
import { setHeld } from './repository.ts';
import { RECORDING_CONTENT_TYPE, RECORDING_EXTENSION } from './store.ts';

export function recordingRoutes(ctx: AppContext) {
  const router = Router();
  const listeners = requireRole('supervisor', 'dispatcher', 'admin');

  router.get(
    '/calls/:id/recording',
    requireRole('supervisor', 'dispatcher', 'admin', 'call-taker'),
    async (req, res) => {
      res.json({ recording: await recordingFor(ctx, req.user!, parseId(req.params.id)) });
    },
  );

  router.get('/calls/:id/recording/audio', listeners, async (req, res) => {
    const id = parseId(req.params.id);
    const { download } = parseQuery(RecordingAudioQuery, req.query);
    const bytes = await listen(
      ctx,
      req.user!,
      id,
      download === '1' ? 'downloaded' : 'played',
      String(req.id),
    );
    res.type(RECORDING_CONTENT_TYPE).set('Cache-Control', 'no-store');
    if (download === '1') res.attachment(`call-${id}.${RECORDING_EXTENSION}`);
    res.send(bytes);
  });

  router.get('/calls/:id/recording/recall', requireRole('call-taker'), async (req, res) => {
    const bytes = await listen(ctx, req.user!, parseId(req.params.id), 'recalled', String(req.id));
    res.type(RECORDING_CONTENT_TYPE).set('Cache-Control', 'no-store').send(bytes);
  });

  router.post('/calls/:id/recording/live-recall', requireRole('call-taker'), async (req, res) => {
    const { seconds } = parseBody(LiveRecallRequest, req.body);
    await recordLiveRecall(ctx, req.user!, parseId(req.params.id), seconds, String(req.id));
    res.status(204).end();
  });

  router.put('/calls/:id/recording/hold', requireRole('supervisor', 'admin'), async (req, res) => {
    const id = parseId(req.params.id);
    const { held } = parseBody(HoldRecordingRequest, req.body);
    const recording = await ctx.db.transaction().execute(async (trx) => {
      const row = await setHeld(trx, id, held);
      if (!row) throw new NotFound('recording');
      await appendAudit(trx, {
        actor: actorOf(req),
        action: held ? 'recording.held' : 'recording.released',
        targetType: 'call',
        targetId: id,
        after: { held },
        requestId: String(req.id),
      });
      return row;
    });
    res.json({ recording });
  });

  return router;
}
