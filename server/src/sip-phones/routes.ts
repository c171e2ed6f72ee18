// HTTP routes for phones' SIP credentials: the call-taker's softphone credentials, desk phone passwords (admin).
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { DeskPhonePassword, SetDeskPhonePasswordRequest, SipCredentials, SipExtension } from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { Invalid } from '../errors.ts';
import { parseBody } from '../http/validate.ts';
import * as sipPhones from './service.ts';

function parseExtension(value: unknown): string {
  const parsed = SipExtension.safeParse(value);
  if (!parsed.success) throw new Invalid('invalid extension', { extension: 'an extension of 3 to 8 digits' });
  return parsed.data;
}

export function sipPhoneRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/calltakers/me/sip-credentials', requireRole('call-taker'), async (req, res) => {
    const credentials = await sipPhones.issueSipCredentials(ctx, req.user!, String(req.id));
    // A password: no cache may keep it.
    res.set('cache-control', 'no-store');
    res.json({ credentials });
  });

  router.put('/sip-phones/:extension/password', requireRole('admin'), async (req, res) => {
    const extension = parseExtension(req.params.extension);
    const { password } = parseBody(SetDeskPhonePasswordRequest, req.body);
    res.json({
      deskPhone: await sipPhones.setDeskPhonePassword(ctx, extension, password, actorOf(req), String(req.id)),
    });
  });

  router.delete('/sip-phones/:extension/password', requireRole('admin'), async (req, res) => {
    const extension = parseExtension(req.params.extension);
    await sipPhones.removeDeskPhonePassword(ctx, extension, actorOf(req), String(req.id));
    res.status(204).end();
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const sipPhoneApi = apiRoutes([
  {
    method: 'get',
    path: '/calltakers/me/sip-credentials',
    summary: "Short-lived SIP credentials of one's own extension (audited)",
    description:
      "-> `{ credentials: SipCredentials }` short-lived SIP credentials of their own extension for the console's softphone (username `<expiry>:<extension>`, password the base64 HMAC-SHA1 of it with `SIP_AUTH_SECRET`, realm, `wsUrl`, `expiresAt`); `Cache-Control: no-store`; audited without the password; 409 without a phone extension, 503 when `SIP_AUTH_SECRET` is not set",
    access: ['call-taker'],
    response: z.object({ credentials: SipCredentials }),
    errors: [409],
  },
  {
    method: 'put',
    path: '/sip-phones/:extension/password',
    summary: "Set a desk phone's SIP password (only its HA1 is kept)",
    description:
      "SetDeskPhonePasswordRequest -> `{ deskPhone: DeskPhonePassword }` sets or resets a desk phone's SIP password; only its HA1 (md5 of `extension:realm:password`) is stored, never shown again; audited without it; 404 when no user has the extension",
    access: ['admin'],
    params: z.object({ extension: SipExtension }),
    body: SetDeskPhonePasswordRequest,
    response: z.object({ deskPhone: DeskPhonePassword }),
  },
  {
    method: 'delete',
    path: '/sip-phones/:extension/password',
    summary: "Remove a desk phone's password: it can no longer register",
    description: '-> 204 the desk phone can no longer register; 404 when it had no password',
    access: ['admin'],
    params: z.object({ extension: SipExtension }),
    status: 204,
  },
]);
