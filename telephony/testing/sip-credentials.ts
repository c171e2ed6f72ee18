// The credentials a test phone registers with: short-lived ones signed with the test Kamailio's secret, made
// exactly as the server makes the console's (auth_ephemeral's REST-API form), so SIPp and WebSocket test phones
// authenticate like the softphone does.
import { createHmac, randomBytes } from 'node:crypto';

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
