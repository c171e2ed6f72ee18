// HMAC-SHA256 signatures of analytics posts: `sha256=<hex>` over `<unix seconds>.<raw body>`, compared in
// constant time.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function signAnalytics(secret: string, timestamp: number, body: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

/** True when `given` is the signature of the body; the time taken does not depend on where they differ. */
export function signatureMatches(secret: string, timestamp: number, body: Buffer, given: string): boolean {
  const expected = Buffer.from(signAnalytics(secret, timestamp, body));
  const actual = Buffer.from(given);
  // timingSafeEqual needs equal lengths; compare something of the right length either way.
  const same = timingSafeEqual(expected, actual.length === expected.length ? actual : expected);
  return same && actual.length === expected.length;
}

/** A new source secret: 32 random bytes, URL-safe. */
export function newSourceSecret(): string {
  return randomBytes(32).toString('base64url');
}
