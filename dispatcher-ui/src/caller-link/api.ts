// The location link's API calls, parsed with the shared schemas.
import { CallerLink, CallVideoState, type CreateCallerLinkRequest, VideoWatchOffer } from '@hcm112/shared';
import { z } from 'zod';
import { get, post, send } from '../api/http.ts';

const LinkBody = z.object({ link: CallerLink });

export async function sendCallerLink(callId: string, request: Partial<CreateCallerLinkRequest> = {}) {
  return (await post(`/calls/${callId}/caller-link`, request, LinkBody)).link;
}

const VideoBody = z.object({ video: CallVideoState });
const OfferBody = z.object({ offer: VideoWatchOffer });

export async function fetchVideoState(callId: string): Promise<CallVideoState> {
  return (await get(`/calls/${callId}/video`, VideoBody)).video;
}

export async function watchVideo(callId: string): Promise<VideoWatchOffer> {
  return (await post(`/calls/${callId}/video/watch`, {}, OfferBody)).offer;
}

export async function answerVideo(callId: string, answer: VideoWatchOffer): Promise<void> {
  await send('POST', `/calls/${callId}/video/answer`, answer);
}
