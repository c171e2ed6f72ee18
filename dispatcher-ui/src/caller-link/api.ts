// The location link's API calls, parsed with the shared schemas.
import { CallerLink, type CreateCallerLinkRequest } from '@hcm112/shared';
import { z } from 'zod';
import { post } from '../api/http.ts';

const LinkBody = z.object({ link: CallerLink });

export async function sendCallerLink(callId: string, request: Partial<CreateCallerLinkRequest> = {}) {
  return (await post(`/calls/${callId}/caller-link`, request, LinkBody)).link;
}
