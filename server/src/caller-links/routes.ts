// HTTP routes of location links: the call-taker sends one for the call in hand; the caller's phone (no login,
// the link's token and the key it got on opening) posts its positions.
import {
  CallerLink,
  CallVideoState,
  CreateCallerLinkRequest,
  LinkPositionRequest,
  VideoOfferRequest,
  VideoWatchAnswer,
  VideoWatchOffer,
} from '@hcm112/shared';
import { z } from 'zod';
import { apiRoutes } from '../openapi/route-doc.ts';
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

const LinkToken = z.object({
  token: z.string().max(100).meta({ description: "the link's token, from its URL" }),
});
const watchers = ['call-taker', 'dispatcher', 'supervisor'] as const;

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const callerLinkApi = apiRoutes([
  {
    method: 'post',
    path: '/calls/:id/caller-link',
    summary: 'Send the caller of the call in hand a one-time location link',
    description:
      "`url` to read out, `expiresAt`, `smsTo`, `sms`: sent, failed, not-configured or not-asked; texted to `to` or the call's number through `SMS_GATEWAY_URL` (POST JSON `{ to, text }` with `SMS_GATEWAY_AUTH` as Authorization); 403 not the holder, 409 not answered or ended; audited `caller-link.sent`. The phone opens `GET /l/<token>` (outside /api): the first phone to open it holds it; another phone, an ended call or one past `CALLER_LINK_MAX_MINUTES` gets a 410 page, an unknown link 404",
    access: ['call-taker'],
    body: CreateCallerLinkRequest,
    status: 201,
    response: z.object({ link: CallerLink }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/link/:token/position',
    summary: "The caller's phone posts its GPS position",
    description:
      "Added to the call's location history (source `link`, method `browser-gps`) and announced as `call.updated`; 429 within 500 ms of the last; 410 expired or held by another phone",
    access: 'caller-link',
    params: LinkToken,
    body: LinkPositionRequest,
    status: 202,
    response: z.object({ recorded: z.literal(true) }),
    errors: [410, 429],
  },
  {
    method: 'post',
    path: '/link/:token/video/consent',
    summary: "The caller consents to sending their camera's video",
    description:
      'Recorded and audited (`caller-link.video-consent`) before any video is accepted; 410 expired',
    access: 'caller-link',
    params: LinkToken,
    status: 201,
    response: z.object({ consented: z.literal(true) }),
    errors: [410],
  },
  {
    method: 'post',
    path: '/link/:token/video/offer',
    summary: "The phone's WebRTC offer; the answer is rtpengine's (ng publish)",
    description: '409 without consent first; announces `call.video`; 410 expired',
    access: 'caller-link',
    params: LinkToken,
    body: VideoOfferRequest,
    status: 201,
    response: z.object({ sdp: z.string() }),
    errors: [409, 410],
  },
  {
    method: 'get',
    path: '/calls/:id/video',
    summary: "Whether the caller's video is live",
    description: 'The call-taker holding the call, dispatchers and supervisors',
    access: watchers,
    response: z.object({ video: CallVideoState }),
  },
  {
    method: 'post',
    path: '/calls/:id/video/watch',
    summary: "This console's own WebRTC offer from rtpengine to watch the caller's video",
    description:
      'audited `caller-link.video-watch`; 409 when the caller has not consented, sends no video or the call ended',
    access: watchers,
    status: 201,
    response: z.object({ offer: VideoWatchOffer }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/calls/:id/video/answer',
    summary: "The console's WebRTC answer to its watch offer",
    access: watchers,
    body: VideoWatchAnswer,
    status: 204,
    errors: [409],
  },
]);
