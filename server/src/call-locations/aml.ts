// Advanced Mobile Location (ETSI TS 103 625) over HTTPS: a handset's position, radius, time and positioning method,
// from a configured sender that signs each message (HMAC-SHA256 of the body: TS 103 625 defines no signature of
// its own), joined to the live or recent call of the handset's number and pushed to the console.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Call, toE164 } from '@hcm112/shared';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { Invalid, NotFound, Unauthenticated } from '../errors.ts';
import { recordLocation } from './service.ts';

/** The fields handsets send (TS 103 625 names), posted as a JSON object of those names. */
export const AmlMessage = z.object({
  device_number: z.coerce.string().regex(/^\+?[0-9]{5,20}$/, 'a phone number'),
  location_latitude: z.coerce.number().min(-90).max(90),
  location_longitude: z.coerce.number().min(-180).max(180),
  location_accuracy: z.coerce.number().nonnegative().max(100_000),
  location_time: z.coerce.string().max(40),
  location_source: z.string().max(20).default(''),
  device_imei: z.string().max(20).optional(),
  device_imsi: z.string().max(20).optional(),
});

function signatureOk(secret: string, body: string, given: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(expected, actual);
}

/** Unix milliseconds (what handsets send) or an ISO time. */
function timeOf(value: string): string {
  const ms = /^\d{10,13}$/.test(value)
    ? Number(value.length === 10 ? `${value}000` : value)
    : Date.parse(value);
  if (Number.isNaN(ms)) throw new Invalid('location_time is not a time', { location_time: 'a time' });
  return new Date(ms).toISOString();
}

export async function receiveAml(
  ctx: AppContext,
  sender: string,
  signature: string,
  rawBody: string,
  body: unknown,
  requestId: string,
): Promise<Call> {
  const secret = ctx.config.AML_SENDERS.get(sender);
  if (!secret || !signatureOk(secret, rawBody, signature))
    throw new Unauthenticated('AML sender or signature');
  const parsed = AmlMessage.safeParse(body);
  if (!parsed.success) throw Invalid.fromZod(parsed.error);
  const m = parsed.data;
  const number = toE164(m.device_number) ?? m.device_number;
  const since = new Date(ctx.clock().getTime() - ctx.config.AML_JOIN_WINDOW_SECONDS * 1000);
  const call = await ctx.db
    .selectFrom('calls')
    .select('id')
    .where('caller_number', 'in', [...new Set([number, m.device_number])])
    .where(sql<boolean>`(ended_at IS NULL OR ended_at >= ${since})`)
    .where('arrived_at', '>=', new Date(since.getTime() - 3_600_000))
    .orderBy('arrived_at', 'desc')
    .executeTakeFirst();
  if (!call) throw new NotFound('live or recent call of this number');
  const method = { gps: 'GPS', wifi: 'Wi-Fi', cell: 'Cell', fused: 'Fused' }[m.location_source.toLowerCase()];
  return recordLocation(
    ctx,
    { id: null, name: `aml:${sender}` },
    call.id,
    {
      source: 'aml',
      location: {
        point: { lat: m.location_latitude, lon: m.location_longitude },
        accuracyM: m.location_accuracy,
        source: 'aml',
        shape: null,
        method: method ?? (m.location_source || null),
        at: timeOf(m.location_time),
      },
      problem: null,
      raw: rawBody.slice(0, 4000),
    },
    requestId,
  );
}
