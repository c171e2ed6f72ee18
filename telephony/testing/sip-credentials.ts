// The credentials a test phone registers with: short-lived ones signed with the test Kamailio's secret, made
// exactly as the server makes the console's (auth_ephemeral's REST-API form), so SIPp and WebSocket test phones
// authenticate like the softphone does.
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface DigestCredentials {
  username: string;
  password: string;
}

/** A fresh secret for one test Kamailio (what SIP_AUTH_SECRET holds in production). */
export function newSipSecret(): string {
  return randomBytes(32).toString('base64');
}

/** Username `<expiry>:<extension>`, password base64(HMAC-SHA1(secret, username)); `ttlSeconds` < 0: expired. */
export function ephemeralCredentials(
  secret: string,
  extension: string,
  ttlSeconds = 3600,
  now = new Date(),
): DigestCredentials {
  const username = `${Math.floor(now.getTime() / 1000) + ttlSeconds}:${extension}`;
  return { username, password: createHmac('sha1', secret).update(username).digest('base64') };
}

/**
 * A console's dial grant as the server signs it (server/src/dial/grant.ts): X-E112-Dial
 * `<expiry>:<extension>:<leg id>` and X-E112-Dial-Sig, hex sha256 of `<key>:<grant>:<request uri>` with the key
 * sha256("console-dial:" + secret) that kamailio.sh derives for auth_xkeys.
 */
export function dialGrant(
  secret: string,
  extension: string,
  uri: string,
  legId: string,
  ttlSeconds = 60,
  now = new Date(),
): { grant: string; sig: string } {
  const key = createHash('sha256').update(`console-dial:${secret}`).digest('hex');
  const grant = `${Math.floor(now.getTime() / 1000) + ttlSeconds}:${extension}:${legId}`;
  return { grant, sig: createHash('sha256').update(`${key}:${grant}:${uri}`).digest('hex') };
}
