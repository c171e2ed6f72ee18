// Location links: the call-taker sends the caller of the call in hand a one-time link (texted and shown to read
// out); the phone that opens it first holds it (a key in a cookie) and posts its GPS positions to the call's
// location history until the call ends or the link's time runs out. Every step is audited.
import { createHash, randomBytes } from 'node:crypto';
import {
  type CallerLink,
  type CreateCallerLinkRequest,
  LINK_POSITION_MIN_INTERVAL_MS,
  type LinkPositionRequest,
  toE164,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { recordLocation } from '../call-locations/service.ts';
import { findCall } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict, DomainError, Forbidden, Invalid, NotFound, TooManyRequests } from '../errors.ts';
import * as repo from './repository.ts';
import { linkSmsText, sendLinkSms } from './sms.ts';

/** Why a link cannot be used: unknown token, its call ended or its time ran out, or another phone opened it. */
export type LinkRefusal = 'unknown' | 'expired' | 'used';

export class LinkRefused extends DomainError {
  constructor(readonly reason: LinkRefusal) {
    const text = {
      unknown: 'unknown link',
      expired: 'this link has expired',
      used: 'this link was already opened on another phone',
    };
    super(reason === 'unknown' ? 'not-found' : 'gone', reason === 'unknown' ? 404 : 410, text[reason], {
      reason,
    });
  }
}

export const LINK_ACTOR: Actor = Object.freeze({ id: null, name: 'caller-link' });

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const newSecret = (): string => randomBytes(32).toString('base64url');

export async function createCallerLink(
  ctx: AppContext,
  actor: Actor,
  callId: string,
  input: CreateCallerLinkRequest,
  origin: string,
  requestId?: string,
): Promise<CallerLink> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new NotFound('call');
  if (call.agentUserId !== actor.id) throw new Forbidden('only the call-taker with the call in hand');
  if (call.endedAt || call.state !== 'answered') throw new Conflict('the call is not in progress');
  const smsTo = input.sms ? (toE164(input.to ?? call.callerNumber) ?? null) : null;
  if (input.sms && input.to && !smsTo) throw new Invalid('invalid body: to', { to: 'a phone number' });
  const now = ctx.clock();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + ctx.config.CALLER_LINK_MAX_MINUTES * 60_000);
  const url = `${ctx.config.PUBLIC_URL || origin}/l/${token}`;
  const id = await repo.insertLink(ctx.db, {
    callId,
    tokenHash: hashSecret(token),
    by: actor.id,
    at: now,
    expiresAt,
    smsTo,
  });
  const sms = smsTo ? await sendLinkSms(ctx.config, ctx.log, smsTo, linkSmsText(url)) : 'not-asked';
  await repo.setSmsStatus(ctx.db, id, sms);
  await appendAudit(ctx.db, {
    actor,
    action: 'caller-link.sent',
    targetType: 'call',
    targetId: callId,
    after: { linkId: id, smsTo, sms, expiresAt: expiresAt.toISOString() },
    requestId,
  });
  return { id, callId, url, expiresAt: expiresAt.toISOString(), smsTo, sms };
}

/** The link of `token` if it may still be used at `now`, whoever holds it. */
async function liveLink(ctx: AppContext, token: string): Promise<repo.LinkRow> {
  const link = token.length <= 100 ? await repo.findLinkByTokenHash(ctx.db, hashSecret(token)) : undefined;
  if (!link) throw new LinkRefused('unknown');
  if (link.callEndedAt || link.expiresAt <= ctx.clock()) throw new LinkRefused('expired');
  return link;
}

/** The link of `token` for the phone holding `deviceKey`; refused for any other phone. */
export async function heldLink(ctx: AppContext, token: string, deviceKey: string | undefined) {
  const link = await liveLink(ctx, token);
  if (!deviceKey || link.deviceKeyHash !== hashSecret(deviceKey)) throw new LinkRefused('used');
  return link;
}

/**
 * A phone opens the link: the first one gets a new key (kept in a cookie) and holds the link; the same phone
 * opening it again (a reload) keeps it; any other is refused as "already used".
 */
export async function openCallerLink(
  ctx: AppContext,
  token: string,
  deviceKey: string | undefined,
  requestId?: string,
): Promise<{ linkId: string; newDeviceKey: string | null }> {
  const link = await liveLink(ctx, token);
  if (link.openedAt) {
    if (deviceKey && link.deviceKeyHash === hashSecret(deviceKey))
      return { linkId: link.id, newDeviceKey: null };
    throw new LinkRefused('used');
  }
  const key = newSecret();
  if (!(await repo.markOpened(ctx.db, link.id, hashSecret(key), ctx.clock()))) throw new LinkRefused('used');
  await appendAudit(ctx.db, {
    actor: LINK_ACTOR,
    action: 'caller-link.opened',
    targetType: 'call',
    targetId: link.callId,
    after: { linkId: link.id },
    requestId,
  });
  return { linkId: link.id, newDeviceKey: key };
}

/** One GPS position from the phone holding the link, added to its call's location history (audited there). */
export async function recordLinkPosition(
  ctx: AppContext,
  token: string,
  deviceKey: string | undefined,
  position: LinkPositionRequest,
  requestId?: string,
): Promise<void> {
  const link = await heldLink(ctx, token, deviceKey);
  if (!(await repo.takePositionTurn(ctx.db, link.id, ctx.clock(), LINK_POSITION_MIN_INTERVAL_MS)))
    throw new TooManyRequests('one position per half second', 1);
  await recordLocation(
    ctx,
    { id: null, name: `caller-link:${link.id}` },
    link.callId,
    {
      source: 'link',
      location: {
        point: { lat: position.lat, lon: position.lon },
        accuracyM: position.accuracyM,
        source: 'link',
        shape: null,
        method: 'browser-gps',
        at: position.at,
      },
      problem: null,
      raw: null,
    },
    requestId,
  );
}
