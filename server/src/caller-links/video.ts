// Live video from the caller's phone, only after the caller's consent (a button on the link's page): the phone
// publishes its camera to rtpengine (WebRTC; rtpengine is asked to record it, no capture seen yet) and each
// console watching gets its own subscription to it (WebRTC from rtpengine). Every step is audited.
import { randomBytes } from 'node:crypto';
import type { VideoWatchAnswer, VideoWatchOffer } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { findCall } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict, Forbidden, NotFound, Unavailable } from '../errors.ts';
import * as repo from './repository.ts';
import { ngCommand, RtpengineError } from './rtpengine-ng.ts';
import { heldLink, LINK_ACTOR } from './service.ts';

/** rtpengine keeps each link's video as its own call, apart from the SIP call's audio. */
const relayCallId = (linkId: string) => `caller-link-${linkId}`;
const PUBLISHER = 'caller';
/** Codecs every WebRTC browser sends; rtpengine relays them without decoding. */
const VIDEO_CODECS = ['VP8', 'H264'];

async function relay(ctx: AppContext, command: string, args: Parameters<typeof ngCommand>[2]) {
  try {
    return await ngCommand(ctx.config.RTPENGINE_NG, command, args);
  } catch (err) {
    if (err instanceof RtpengineError) throw new Unavailable(`media relay: ${err.message}`);
    throw err;
  }
}

export async function consentToVideo(ctx: AppContext, token: string, deviceKey: string | undefined) {
  const link = await heldLink(ctx, token, deviceKey);
  await repo.setVideoConsent(ctx.db, link.id, ctx.clock());
  await appendAudit(ctx.db, {
    actor: LINK_ACTOR,
    action: 'caller-link.video-consent',
    targetType: 'call',
    targetId: link.callId,
    after: { linkId: link.id },
  });
}

/** The phone's WebRTC offer of its camera; refused (409) unless the caller consented first. */
export async function publishVideo(
  ctx: AppContext,
  token: string,
  deviceKey: string | undefined,
  sdp: string,
): Promise<string> {
  const link = await heldLink(ctx, token, deviceKey);
  if (!link.videoConsentAt) throw new Conflict('the caller has not consented to video');
  const answer = await relay(ctx, 'publish', {
    'call-id': relayCallId(link.id),
    'from-tag': PUBLISHER,
    sdp,
    ICE: 'force',
    'rtcp-mux': ['accept'],
    replace: ['origin', 'session-connection'],
    codec: { accept: VIDEO_CODECS },
    'record call': 'yes',
  });
  await repo.setVideoPublished(ctx.db, link.id, ctx.clock());
  await appendAudit(ctx.db, {
    actor: LINK_ACTOR,
    action: 'caller-link.video',
    targetType: 'call',
    targetId: link.callId,
    after: { linkId: link.id },
  });
  await ctx.events.publish({ type: 'call.video', video: { callId: link.callId, live: true } });
  return String(answer.sdp);
}

/** Only the call-taker with the call and the dispatch room (dispatchers, supervisors) see a caller's video. */
async function mayWatch(ctx: AppContext, actor: Actor, role: string, callId: string) {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new NotFound('call');
  if (role === 'call-taker' && call.agentUserId !== actor.id)
    throw new Forbidden('only the call-taker with the call in hand');
  const link = await repo.findVideoLinkOfCall(ctx.db, callId);
  if (!link) throw new Conflict('no video from the caller (none consented, sent, or the call ended)');
  return link;
}

export async function isVideoLive(ctx: AppContext, callId: string): Promise<boolean> {
  return (await repo.findVideoLinkOfCall(ctx.db, callId)) !== undefined;
}

export async function watchVideo(
  ctx: AppContext,
  actor: Actor,
  role: string,
  callId: string,
  requestId?: string,
): Promise<VideoWatchOffer> {
  const link = await mayWatch(ctx, actor, role, callId);
  const viewer = `v-${randomBytes(8).toString('hex')}`;
  const offer = await relay(ctx, 'subscribe request', {
    'call-id': relayCallId(link.id),
    'from-tag': PUBLISHER,
    'to-tag': viewer,
    ICE: 'force',
    'transport-protocol': 'UDP/TLS/RTP/SAVPF',
    SDES: ['off'],
    // What a browser requires of an offer (as the console softphone's MEDIA_OFFER_WEBRTC in kamailio.cfg).
    'rtcp-mux': ['offer', 'require'],
    replace: ['origin', 'session-connection'],
    flags: ['generate-mid'],
  });
  await appendAudit(ctx.db, {
    actor,
    action: 'caller-link.video-watch',
    targetType: 'call',
    targetId: callId,
    after: { linkId: link.id, viewer },
    requestId,
  });
  return { viewer, sdp: String(offer.sdp) };
}

export async function answerVideo(
  ctx: AppContext,
  actor: Actor,
  role: string,
  callId: string,
  answer: VideoWatchAnswer,
): Promise<void> {
  const link = await mayWatch(ctx, actor, role, callId);
  await relay(ctx, 'subscribe answer', {
    'call-id': relayCallId(link.id),
    'to-tag': answer.viewer,
    sdp: answer.sdp,
  });
}
