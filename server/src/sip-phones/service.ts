// SIP credentials of call-takers' phones: short-lived ones for the console's softphone, signed with the secret
// shared with Kamailio (auth_ephemeral), and desk phones' provisioned passwords, kept only as HA1 digests.
import { createHash, createHmac } from 'node:crypto';
import type { DeskPhonePassword, SipCredentials, User } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { findUserByExtension } from '../calltakers/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict, NotFound, Unavailable } from '../errors.ts';
import * as repo from './repository.ts';

/**
 * auth_ephemeral's REST-API form: username `<expiry unix seconds>:<extension>`, password the base64
 * HMAC-SHA1 of the username with the shared secret. Kamailio refuses it after the expiry.
 */
export function ephemeralPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/** The call-taker's console asks for credentials for its softphone: their own extension, for a short while. */
export async function issueSipCredentials(
  ctx: AppContext,
  user: User,
  requestId?: string,
): Promise<SipCredentials> {
  const secret = ctx.config.SIP_AUTH_SECRET;
  if (!secret) throw new Unavailable('SIP credentials are not configured on this server (SIP_AUTH_SECRET)');
  if (!user.sipExtension) throw new Conflict('you have no phone extension: ask an admin for one');
  const expiry = Math.floor(ctx.clock().getTime() / 1000) + ctx.config.SIP_CREDENTIALS_TTL_SECONDS;
  const username = `${expiry}:${user.sipExtension}`;
  const expiresAt = new Date(expiry * 1000).toISOString();
  await appendAudit(ctx.db, {
    actor: { id: user.id, name: user.username },
    action: 'sip.credentials-issued',
    targetType: 'user',
    targetId: user.id,
    after: { extension: user.sipExtension, expiresAt },
    requestId,
  });
  return {
    extension: user.sipExtension,
    username,
    password: ephemeralPassword(secret, username),
    realm: ctx.config.SIP_REALM,
    wsUrl: ctx.config.SIP_WS_URL,
    expiresAt,
  };
}

/** RFC 2617 HA1: what Kamailio checks a desk phone's digest response against. */
export function digestHa1(extension: string, realm: string, password: string): string {
  return createHash('md5').update(`${extension}:${realm}:${password}`).digest('hex');
}

function toDeskPhonePassword(row: repo.DeskPhonePasswordRow): DeskPhonePassword {
  return { extension: row.extension, realm: row.realm, setAt: row.setAt.toISOString() };
}

/** Sets or resets a desk phone's password; the extension must belong to someone. */
export async function setDeskPhonePassword(
  ctx: AppContext,
  extension: string,
  password: string,
  actor: Actor,
  requestId?: string,
): Promise<DeskPhonePassword> {
  const owner = await findUserByExtension(ctx.db, extension);
  if (!owner) throw new NotFound(`extension ${extension}`);
  const realm = ctx.config.SIP_REALM;
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findDeskPhonePassword(tx, extension);
    const saved = await repo.saveDeskPhonePassword(tx, {
      extension,
      ha1: digestHa1(extension, realm, password),
      realm,
      setBy: actor.id,
    });
    const after = toDeskPhonePassword(saved);
    await appendAudit(tx, {
      actor,
      action: before ? 'sip.desk-password-reset' : 'sip.desk-password-set',
      targetType: 'user',
      targetId: owner.user.id,
      before: before && toDeskPhonePassword(before),
      after,
      requestId,
    });
    return after;
  });
}

/** Takes a desk phone's password away: it can no longer register (the console's softphone still can). */
export async function removeDeskPhonePassword(
  ctx: AppContext,
  extension: string,
  actor: Actor,
  requestId?: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findDeskPhonePassword(tx, extension);
    if (!before || !(await repo.deleteDeskPhonePassword(tx, extension)))
      throw new NotFound(`desk phone password of extension ${extension}`);
    await appendAudit(tx, {
      actor,
      action: 'sip.desk-password-removed',
      targetType: 'sip-extension',
      targetId: null,
      before: toDeskPhonePassword(before),
      requestId,
    });
  });
}
