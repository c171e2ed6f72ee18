// HTTP routes of live feeds: open a feed (audited), the HLS files of a restream, and the MJPEG and snapshot
// proxies. Every one needs a logged-in dispatcher or supervisor; hls.js sends the session cookie.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { CameraFeed, FeedQuery } from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { parseId, parseQuery } from '../http/validate.ts';
import { proxyMjpeg, proxySnapshot } from './passthrough.ts';
import { openFeed, streamedCamera } from './service.ts';

export function feedRoutes(ctx: AppContext) {
  const router = Router();
  const watch = requireRole('dispatcher', 'supervisor', 'admin');
  const dispatcher = ctx.cameraNetworks.httpAgent();
  const via = (cameraId: string) => ({
    networks: ctx.cameraNetworks,
    dispatcher,
    log: ctx.log.child({ module: 'feeds', cameraId }),
  });

  router.get('/cameras/:id/feed', watch, async (req, res) => {
    const id = parseId(req.params.id);
    const { incidentId } = parseQuery(FeedQuery, req.query);
    res.json(await openFeed(ctx, actorOf(req), id, incidentId, String(req.id)));
  });

  // Every playlist or segment fetch is the viewer's heartbeat.
  router.get('/cameras/:id/hls/:file', watch, (req, res) => {
    const id = parseId(req.params.id);
    ctx.restreams.touch(id);
    const path = ctx.restreams.file(id, String(req.params.file));
    if (!path) throw new NotFound('live feed (open it with /feed first)');
    const playlist = path.endsWith('.m3u8');
    res.set({
      'content-type': playlist ? 'application/vnd.apple.mpegurl' : 'video/mp2t',
      'cache-control': playlist ? 'no-store' : 'private, max-age=60',
    });
    // ffmpeg deletes old segments as it goes: one gone since the check is a 404, not an error.
    res.sendFile(path, (err) => {
      if (err && !res.headersSent)
        res.status(404).json({ error: { code: 'not-found', message: 'segment gone' } });
    });
  });

  router.get('/cameras/:id/mjpeg', watch, async (req, res) => {
    const camera = await streamedCamera(ctx, parseId(req.params.id));
    if (camera.streamKind !== 'mjpeg') throw new NotFound('MJPEG stream of this camera');
    await proxyMjpeg(camera.streamUrl, req, res, via(camera.id));
  });

  router.get('/cameras/:id/snapshot', watch, async (req, res) => {
    const camera = await streamedCamera(ctx, parseId(req.params.id));
    if (camera.streamKind !== 'snapshot') throw new NotFound('snapshot of this camera');
    await proxySnapshot(camera.streamUrl, res, via(camera.id));
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const feedApi = apiRoutes([
  {
    method: 'get',
    path: '/cameras/:id/feed',
    summary: "Open a camera's live feed (audited `camera.view`)",
    description:
      'FeedQuery -> CameraFeed `{ kind: hls|mjpeg|snapshot, url }`; audited as `camera.view`; 503 when the camera cannot be reached or every restream slot is busy',
    access: ['dispatcher', 'supervisor', 'admin'],
    query: FeedQuery,
    response: CameraFeed,
  },
  {
    method: 'get',
    path: '/cameras/:id/hls/:file',
    summary: "A restream's playlist or segment; each fetch keeps it alive",
    description:
      '`index.m3u8` / `segNNNNNN.ts` of a running restream; each fetch keeps it alive; 404 when not running',
    access: ['dispatcher', 'supervisor', 'admin'],
    params: z.object({ id: z.uuid(), file: z.string().meta({ example: 'index.m3u8' }) }),
    response: {
      contentType: 'application/vnd.apple.mpegurl',
      description: '`index.m3u8`, or a `video/mp2t` segment',
    },
  },
  {
    method: 'get',
    path: '/cameras/:id/mjpeg',
    summary: "The camera's MJPEG stream, proxied",
    description:
      'the camera\'s MJPEG stream / picture, proxied; redirects are not followed; any failure is 503 "camera unreachable" (the cause goes to the server log)',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: { contentType: 'multipart/x-mixed-replace', description: 'the MJPEG stream' },
  },
  {
    method: 'get',
    path: '/cameras/:id/snapshot',
    summary: "The camera's picture, proxied",
    description:
      'the camera\'s MJPEG stream / picture, proxied; redirects are not followed; any failure is 503 "camera unreachable" (the cause goes to the server log)',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: { contentType: 'image/jpeg', description: 'the picture' },
  },
]);
