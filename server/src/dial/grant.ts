// The dial grant the SIP edge checks before a console's call leaves it (kamailio.cfg route[CONSOLE_DIAL],
// auth_xkeys): X-E112-Dial `<expiry>:<extension>:<leg id>` and X-E112-Dial-Sig, the hex sha256 of
// `<key>:<grant>:<request uri>`, with the key derived from SIP_AUTH_SECRET as kamailio.sh derives it.
import { createHash } from 'node:crypto';
import type { DialGrant } from '@hcm112/shared';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function signDialGrant(
  secret: string,
  extension: string,
  uri: string,
  legId: string,
  expiresAt: Date,
): DialGrant {
  const key = sha256(`console-dial:${secret}`);
  const grant = `${Math.floor(expiresAt.getTime() / 1000)}:${extension}:${legId}`;
  return {
    uri,
    headers: [`X-E112-Dial: ${grant}`, `X-E112-Dial-Sig: ${sha256(`${key}:${grant}:${uri}`)}`],
    expiresAt: expiresAt.toISOString(),
  };
}
