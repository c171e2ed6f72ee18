// HTTP routes for phones' SIP credentials: the call-taker's softphone credentials, desk phone passwords (admin).
import { SetDeskPhonePasswordRequest, SipExtension } from '@hcm112/shared';
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
