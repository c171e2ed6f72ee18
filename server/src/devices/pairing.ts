// Pairing a crew's device with a unit: a one-time code shown on the console becomes a device credential bound
// to that unit (stored hashed, expiring, revocable, every step audited). No shared passwords in vehicles.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  PAIRING_CODE_ALPHABET,
  type PairDeviceRequest,
  type PairingCode,
  type UnitDevice,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import type { RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { DomainError, NotFound, Unauthenticated } from '../errors.ts';
import { findUnit } from '../units/repository.ts';
import * as repo from './repository.ts';

/** Why a device was refused; the app shows "revoked" and "expired" to the crew and stops retrying. */
export type DeviceRefusal = 'unknown' | 'revoked' | 'expired';

export class DeviceRefused extends DomainError {
  constructor(readonly reason: DeviceRefusal) {
    const text = {
      unknown: 'unknown device credential',
      revoked: 'this device was unpaired',
      expired: 'this device’s pairing expired',
    };
    super('unauthenticated', 401, text[reason], { reason });
  }
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}

export async function createPairingCode(ctx: AppContext, actor: Actor, unitId: string): Promise<PairingCode> {
  const now = ctx.clock();
  const unit = await findUnit(ctx.db, unitId, now, ctx.config.AVL_STALE_SECONDS);
  if (!unit) throw new NotFound('unit');
  const code = newPairingCode();
  const expiresAt = new Date(now.getTime() + ctx.config.DEVICE_PAIRING_CODE_MINUTES * 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertPairingCode(trx, {
      codeHash: hashSecret(code),
      unitId,
      by: actor.id,
      at: now,
      expiresAt,
    });
    await appendAudit(trx, {
      actor,
      action: 'device.pairing-code',
      targetType: 'unit',
      targetId: unitId,
      after: { callsign: unit.callsign, expiresAt: expiresAt.toISOString() },
    });
  });
  return { code, unitId, callsign: unit.callsign, expiresAt: expiresAt.toISOString() };
}

/** Exchanges a one-time code for a device credential; the credential is returned this once and kept hashed. */
export async function pairDevice(
  ctx: AppContext,
  input: PairDeviceRequest,
): Promise<{ credential: string; device: UnitDevice }> {
  const now = ctx.clock();
  const codeHash = hashSecret(input.code);
  const credential = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.DEVICE_CREDENTIAL_DAYS * 86_400_000);
  const deviceId = await ctx.db.transaction().execute(async (trx) => {
    const used = await repo.consumePairingCode(trx, codeHash, now);
    if (!used)
      throw new DomainError('invalid', 400, 'this pairing code is wrong, used or expired', {
        reason: 'code',
      });
    const id = await repo.insertDevice(trx, {
      unitId: used.unitId,
      credentialHash: hashSecret(credential),
      label: input.label,
      at: now,
      expiresAt,
      codeHash,
    });
    await appendAudit(trx, {
      actor: { id: null, name: `device:${id}` },
      action: 'device.pair',
      targetType: 'unit',
      targetId: used.unitId,
      after: { deviceId: id, label: input.label, expiresAt: expiresAt.toISOString() },
    });
    return id;
  });
  const device = await repo.findDevice(ctx.db, deviceId);
  if (!device) throw new NotFound('device');
  return { credential, device };
}

export async function revokeDevice(ctx: AppContext, actor: Actor, deviceId: string): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const device = await repo.findDevice(trx, deviceId);
    if (!device) throw new NotFound('device');
    if (!(await repo.revokeDevice(trx, deviceId, actor.id, now))) return;
    await appendAudit(trx, {
      actor,
      action: 'device.revoke',
      targetType: 'unit',
      targetId: device.unitId,
      before: { deviceId, label: device.label },
    });
  });
  await ctx.redis.publish(revokedChannel(ctx.config.REDIS_PREFIX), deviceId);
}

/** Redis channel on which every instance hears that a device was revoked, to close its socket at once. */
export function revokedChannel(prefix: string): string {
  return `${prefix}:device:revoked`;
}

/**
 * How often (seconds) a device's contact is written down and its socket pinged: a quarter of DEVICE_SILENT_SECONDS,
 * at most 15 and 20 s. With the console's refresh (also a quarter) the three lags stay under the silent time, so a
 * device still in touch is never shown silent, even under a short setting.
 */
export function deviceContactSeconds(ctx: AppContext): { touch: number; ping: number } {
  const quarter = ctx.config.DEVICE_SILENT_SECONDS / 4;
  return { touch: Math.min(15, quarter), ping: Math.min(20, quarter) };
}

/** Records that the device was heard from now (its last-seen time, which tells the console it is not silent). */
export async function touchDevice(ctx: AppContext, deviceId: string): Promise<void> {
  await repo.touchDevice(ctx.db, deviceId, ctx.clock(), deviceContactSeconds(ctx).touch);
}

export interface DeviceIdentity {
  deviceId: string;
  unitId: string;
  callsign: string;
  /** Who the audit log names for what the device does. */
  actor: Actor;
}

/** The device holding this credential, if it may act now; otherwise why not. */
export async function authenticateDevice(
  ctx: AppContext,
  credential: string | undefined,
): Promise<DeviceIdentity> {
  if (!credential || credential.length > 200) throw new DeviceRefused('unknown');
  const row = await repo.deviceByCredential(ctx.db, hashSecret(credential));
  if (!row) throw new DeviceRefused('unknown');
  if (row.revoked_at) throw new DeviceRefused('revoked');
  const now = ctx.clock();
  if (row.expires_at.getTime() <= now.getTime()) throw new DeviceRefused('expired');
  await touchDevice(ctx, row.id);
  return {
    deviceId: row.id,
    unitId: row.unit_id,
    callsign: row.callsign,
    actor: { id: null, name: `${row.callsign} device ${row.label || row.id.slice(0, 8)}` },
  };
}

/** For what both consoles and crews' devices read (the base map): a logged-in user, or else a valid device. */
export function userOrDevice(ctx: AppContext, header: string): RequestHandler {
  return (req, _res, next) => {
    if (req.user) return next();
    const credential = req.header(header);
    if (!credential) return next(new Unauthenticated());
    authenticateDevice(ctx, credential).then(() => next(), next);
  };
}
