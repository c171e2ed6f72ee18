// Advanced Mobile Location (ETSI TS 103 625) over HTTPS: a handset's position, radius, time and positioning method,
// from a configured sender that signs each message (HMAC-SHA256 of the body as received: TS 103 625 defines no
// signature of its own), joined to the live or recent call of the handset's number and pushed to the console.
// Every authenticated message is kept, joined or not, usable or not, with why.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AmlReceipt } from '@hcm112/shared';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/repository.ts';
import { appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { Unauthenticated } from '../errors.ts';
import { type AmlReading, fieldsOf, readAml } from './aml-message.ts';
import { callOfNumber, insertAmlMessage, type NewAmlMessage } from './aml-repository.ts';
import { recordLocation } from './service.ts';

/** One POST as received: who says it sent it, its signature, and the exact bytes. */
export interface AmlPost {
  sender: string;
  signature: string;
  /** `application/x-www-form-urlencoded` or `application/json`. */
  contentType: string;
  body: Buffer;
}

/** `sha256=` and the hex HMAC-SHA256 of the bytes as received, keyed with the sender's secret. */
export function amlSignature(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function signatureOk(secret: string, body: Buffer, given: string): boolean {
  const expected = Buffer.from(amlSignature(secret, body));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(expected, actual);
}

const EMPTY_DEVICE = {
  imei: null,
  imsi: null,
  model: null,
  emergencyNumber: null,
  floor: null,
  altitudeM: null,
  certaintyPercent: null,
};

/**
 * Takes one message. A bad signature or an unknown sender is refused (401) and nothing is kept: the content of an
 * unauthenticated post is not trusted. Any authenticated message is kept and answered, whatever its content.
 */
export async function receiveAml(ctx: AppContext, post: AmlPost, requestId: string): Promise<AmlReceipt> {
  const secret = ctx.config.AML_SENDERS.get(post.sender);
  if (!secret || !signatureOk(secret, post.body, post.signature))
    throw new Unauthenticated('AML sender or signature');
  const fields = fieldsOf(post.contentType, post.body);
  const reading = typeof fields === 'string' ? null : readAml(fields);
  const message: NewAmlMessage = {
    sender: post.sender,
    deviceNumber: reading?.number ?? reading?.numberAsSent ?? null,
    outcome: 'unusable',
    problem: typeof fields === 'string' ? fields : (reading?.problem ?? null),
    callId: null,
    device: reading?.device ?? EMPTY_DEVICE,
    contentType: post.contentType,
    raw: post.body.toString('utf8').slice(0, 4000),
  };
  const actor: Actor = { id: null, name: `aml:${post.sender}` };
  const since = new Date(ctx.clock().getTime() - ctx.config.AML_JOIN_WINDOW_SECONDS * 1000);
  const callId =
    reading?.number && reading.numberAsSent
      ? await callOfNumber(ctx.db, [...new Set([reading.number, reading.numberAsSent])], since)
      : null;
  if (!reading || !callId) {
    if (reading?.number && !message.problem) {
      message.outcome = 'unjoined';
      message.problem = `no live call of ${reading.number}, nor one ended in the last ${ctx.config.AML_JOIN_WINDOW_SECONDS} s`;
    }
    const messageId = await ctx.db.transaction().execute((trx) => keep(trx, message, actor, requestId));
    return { messageId, outcome: message.outcome, callId: null, problem: message.problem };
  }
  return joinCall(ctx, reading, { ...message, callId }, actor, requestId);
}

/** The message on its call: its position added to the call's history (or, unusable, on record there with why). */
async function joinCall(
  ctx: AppContext,
  reading: AmlReading,
  message: NewAmlMessage & { callId: string },
  actor: Actor,
  requestId: string,
): Promise<AmlReceipt> {
  const { point } = reading;
  if (point) message.outcome = 'joined';
  let messageId = 0;
  await recordLocation(
    ctx,
    actor,
    message.callId,
    {
      source: 'aml',
      location: point && {
        point,
        accuracyM: reading.accuracyM,
        source: 'aml',
        shape: null,
        method: reading.method,
        at: reading.at,
      },
      problem: message.problem,
      raw: message.raw,
    },
    requestId,
    async (trx) => {
      messageId = await insertAmlMessage(trx, message);
    },
  );
  return { messageId, outcome: message.outcome, callId: message.callId, problem: message.problem };
}

/** Keeps a message that joined no call, and puts it in the audit trail. */
async function keep(
  trx: Kysely<Database>,
  message: NewAmlMessage,
  actor: Actor,
  requestId: string,
): Promise<number> {
  const messageId = await insertAmlMessage(trx, message);
  await appendAudit(trx, {
    actor,
    action: `aml.${message.outcome}`,
    targetType: 'aml-message',
    targetId: String(messageId),
    after: { deviceNumber: message.deviceNumber, problem: message.problem },
    requestId,
  });
  return messageId;
}
