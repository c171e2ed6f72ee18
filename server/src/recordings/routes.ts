// HTTP routes for call recordings: the index row, playback or download (supervisors, dispatchers, admins),
// a call-taker's instant recall of their last call (and the record that they replayed their current one from the
// console's buffer), and holding a recording for an investigation.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import {
  CallRecording,
  HoldRecordingRequest,
  LiveRecallRequest,
  RecordingAudioQuery,
  RecordingVideoQuery,
} from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import { listen, recordLiveRecall, recordingFor, videoRecordingsFor, watchRecording } from './playback.ts';
import { setHeld } from './repository.ts';
import { RECORDING_CONTENT_TYPE, RECORDING_EXTENSION } from './store.ts';
import { VIDEO_CONTENT_TYPE, VIDEO_EXTENSION } from './video-store.ts';

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

  router.get(
    '/calls/:id/video-recordings',
    requireRole('supervisor', 'dispatcher', 'admin', 'call-taker'),
    async (req, res) => {
      res.json({ recordings: await videoRecordingsFor(ctx, req.user!, parseId(req.params.id)) });
    },
  );

  router.get('/calls/:id/video-recordings/:recordingId/video', listeners, async (req, res) => {
    const id = parseId(req.params.id);
    const recordingId = parseId(req.params.recordingId, 'recordingId');
    const { download } = parseQuery(RecordingVideoQuery, req.query);
    const how = download === '1' ? 'downloaded' : 'played';
    const bytes = await watchRecording(ctx, req.user!, id, recordingId, how, String(req.id));
    res.type(VIDEO_CONTENT_TYPE).set('Cache-Control', 'no-store');
    if (download === '1') res.attachment(`call-${id}-video-${recordingId}.${VIDEO_EXTENSION}`);
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

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const recordingApi = apiRoutes([
  {
    method: 'get',
    path: '/calls/:id/recording',
    summary: "A call's recording index row (a call-taker: their own calls only)",
    description:
      '-> `{ recording: CallRecording }` the index row: `ready` (start, duration, size, sha256, path), `not-recorded` (reason) or `deleted` (retention, `deletedAt`); a call-taker their own calls only (403); 404 before the recording job ran',
    access: ['supervisor', 'dispatcher', 'admin', 'call-taker'],
    response: z.object({ recording: CallRecording }),
  },
  {
    method: 'get',
    path: '/calls/:id/recording/audio',
    summary: 'Play or download the recording (checked against its sha256; audited)',
    description:
      'RecordingAudioQuery -> `audio/flac` (left the caller, right the call-taker), as an attachment with `download=1`; the file is checked against its sha256 first: 409 with `details.recording` `tampered`, `missing`, `deleted` or `not-recorded`, never played; each playback, download and failed check is audited',
    access: ['supervisor', 'dispatcher', 'admin'],
    query: RecordingAudioQuery,
    response: { contentType: 'audio/flac', description: 'left the caller, right the call-taker' },
    errors: [409],
  },
  {
    method: 'get',
    path: '/calls/:id/video-recordings',
    summary: "The recordings of the caller's video sent through the call's location links",
    description:
      '-> `{ recordings: CallRecording[] }` of kind `video`, one per link whose phone sent video (`linkId`), made once the call ends: `ready` (start, duration, size, sha256, path of the WebM, VP8 as the phone sent it), `not-recorded` (reason `no-media-captured`, `no-video`, `store-failed`) or `deleted` (retention); a call-taker their own calls only (403)',
    access: ['supervisor', 'dispatcher', 'admin', 'call-taker'],
    response: z.object({ recordings: z.array(CallRecording) }),
  },
  {
    method: 'get',
    path: '/calls/:id/video-recordings/:recordingId/video',
    summary: "Play or download a recording of the caller's video (checked against its sha256; audited)",
    description:
      'RecordingVideoQuery -> `video/webm` (VP8), as an attachment with `download=1`; checked against its sha256 first exactly as the audio: 409 with `details.recording` `tampered`, `missing`, `deleted` or `not-recorded`; each playback, download and failed check is audited with `kind: video`; 404 for a recording not of this call',
    access: ['supervisor', 'dispatcher', 'admin'],
    query: RecordingVideoQuery,
    response: { contentType: 'video/webm', description: "the caller's camera, VP8" },
    errors: [409],
  },
  {
    method: 'get',
    path: '/calls/:id/recording/recall',
    summary: "The last 60 s of the call-taker's last finished call (audited)",
    description:
      "-> `audio/flac`, the last 60 s of the call-taker's last finished call (instant recall), audited; 403 for any other call",
    access: ['call-taker'],
    response: { contentType: 'audio/flac', description: 'the last 60 seconds' },
    errors: [409],
  },
  {
    method: 'post',
    path: '/calls/:id/recording/live-recall',
    summary: 'Record that the call-taker replays the last seconds of their current call',
    description:
      "`{seconds}` (1-60) -> 204: records (audit `recording.recalled-live`) that the call-taker replays the last seconds of the call they are on from the console's own buffer; 403 for another's call, 409 once it ended",
    access: ['call-taker'],
    body: LiveRecallRequest,
    status: 204,
    errors: [409],
  },
  {
    method: 'put',
    path: '/calls/:id/recording/hold',
    summary: 'Hold a recording for an investigation (never expires) or release it',
    description:
      'HoldRecordingRequest `{ held }` -> `{ recording }` a held recording never expires (investigation), audited',
    access: ['supervisor', 'admin'],
    body: HoldRecordingRequest,
    response: z.object({ recording: CallRecording }),
  },
]);
