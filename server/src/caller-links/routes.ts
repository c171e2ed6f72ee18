// HTTP routes of location links: the call-taker sends one for the call in hand; the caller's phone (no login,
// the link's token and the key it got on opening) posts its positions.
import {
  CreateCallerLinkRequest,
  LinkPositionRequest,
  VideoOfferRequest,
  VideoWatchAnswer,
} from '@hcm112/shared';
import { type Request, Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { createCallerLink, recordLinkPosition } from './service.ts';
import { answerVideo, consentToVideo, isVideoLive, publishVideo, watchVideo } from './video.ts';

/** The cookie holding the key of the phone that opened a link. */
export const LINK_KEY_COOKIE = 'e112_link';

export function linkKeyOf(req: Request): string | undefined {
  const value: unknown = req.cookies?.[LINK_KEY_COOKIE];
  return typeof value === 'string' && value.length <= 100 ? value : undefined;
}

const roleOf = (req: Request): string => req.user?.role ?? '';

export function callerLinkRoutes(ctx: AppContext) {
  const router = Router();

  router.post('/calls/:id/caller-link', requireRole('call-taker'), async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(CreateCallerLinkRequest, req.body);
    const origin = `${req.protocol}://${req.get('host') ?? ''}`;
    const link = await createCallerLink(ctx, actorOf(req), id, input, origin, String(req.id));
    res.status(201).json({ link });
  });

  // No user session: the caller's phone proves itself with the link's token and the key it got on opening.
  router.post('/link/:token/position', async (req, res) => {
    const position = parseBody(LinkPositionRequest, req.body);
    await recordLinkPosition(ctx, String(req.params.token), linkKeyOf(req), position, String(req.id));
    res.status(202).json({ recorded: true });
  });

  // The caller pressed "send video": their consent, recorded before any video is accepted.
  router.post('/link/:token/video/consent', async (req, res) => {
    await consentToVideo(ctx, String(req.params.token), linkKeyOf(req));
    res.status(201).json({ consented: true });
  });

  router.post('/link/:token/video/offer', async (req, res) => {
    const { sdp } = parseBody(VideoOfferRequest, req.body);
    const answer = await publishVideo(ctx, String(req.params.token), linkKeyOf(req), sdp);
    res.status(201).json({ sdp: answer });
  });

  const watchers = requireRole('call-taker', 'dispatcher', 'supervisor');
  router.get('/calls/:id/video', watchers, async (req, res) => {
    const callId = parseId(req.params.id);
    res.json({ video: { callId, live: await isVideoLive(ctx, callId) } });
  });

  router.post('/calls/:id/video/watch', watchers, async (req, res) => {
    const callId = parseId(req.params.id);
    const offer = await watchVideo(ctx, actorOf(req), roleOf(req), callId, String(req.id));
    res.status(201).json({ offer });
  });

  router.post('/calls/:id/video/answer', watchers, async (req, res) => {
    const callId = parseId(req.params.id);
    const answer = parseBody(VideoWatchAnswer, req.body);
    await answerVideo(ctx, actorOf(req), roleOf(req), callId, answer);
    res.status(204).end();
  });

  return router;
}
