// Live video from the caller's phone, only after the caller's consent (a button on the link's page): the phone
// publishes its camera to rtpengine (WebRTC, VP8 only so that the recording copies the frames as sent) and each
// console watching gets its own subscription to it (WebRTC from rtpengine). rtpengine captures the published
// video (pcap) from the publish on; when the call ends the link's relay call is deleted and the capture becomes
// the call's video recording (recordings/video-service.ts). Every step is audited.
import { randomBytes } from 'node:crypto';
import type { VideoWatchAnswer, VideoWatchOffer } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { findCall } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict, Forbidden, NotFound, Unavailable } from '../errors.ts';
import * as repo from './repository.ts';
import { requestRecording } from '../recordings/worker.ts';
import { videoRelayCallId as relayCallId } from '../recordings/video-service.ts';
import { ngCommand, RtpengineError } from './rtpengine-ng.ts';
import { heldLink, LINK_ACTOR } from './service.ts';

const PUBLISHER = 'caller';
/**
 * The one codec accepted from the phone: every WebRTC browser sends VP8 (Safari since 12.1), rtpengine relays it
 * without decoding, and the recording copies its frames into WebM as they came (docs/architecture.md).
 */
const VIDEO_CODECS = ['VP8'];

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
  });
  await startCapture(ctx, link.id);
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

/**
 * rtpengine captures the link's video from here on (the publish's own "record call" flag starts nothing). A
 * refusal is logged and never stops the live video: the recording is then marked not made when the call ends.
 */
async function startCapture(ctx: AppContext, linkId: string): Promise<void> {
  try {
    await ngCommand(ctx.config.RTPENGINE_NG, 'start recording', { 'call-id': relayCallId(linkId) });
  } catch (err) {
    ctx.log.error({ module: 'caller-links', linkId, err: String(err) }, 'video capture not started');
  }
}

/**
 * The call ended: each of its links' video stops (rtpengine lets go of the relay call, which closes the
 * capture) and its recording is asked for. Failures are logged; they never hold the call's events back.
 */
export async function endCallerVideo(ctx: AppContext, callId: string): Promise<void> {
  for (const linkId of await repo.videoLinksOfCall(ctx.db, callId)) {
    const log = ctx.log.child({ module: 'caller-links', callId, linkId });
    await ngCommand(ctx.config.RTPENGINE_NG, 'delete', { 'call-id': relayCallId(linkId) }).catch(
      (err: unknown) =>
        log.warn({ err: String(err) }, 'video relay not deleted (rtpengine drops it after its timeout)'),
    );
    await requestRecording(ctx, { callId, sipCallId: relayCallId(linkId), linkId }).catch((err: unknown) =>
      log.error({ err: String(err) }, 'video recording not requested'),
    );
  }
}
