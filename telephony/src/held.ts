// Location by reference (RFC 6753): an https: Geolocation URI dereferenced with HELD (RFC 5985), a
// locationRequest POSTed to the carrier's location server, with a timeout and retries. Only configured location
// servers are asked (the URI comes from the caller's INVITE: anything else would let a caller make us fetch any URL).
import { request } from 'node:https';
import type { CallerLocation } from '@hcm112/shared';
import { readHeldAnswer } from './pidf.ts';

export interface HeldSettings {
  /** Origins allowed (https://host[:port]). */
  servers: readonly string[];
  /** PEM of the CAs the location servers' certificates are checked against; undefined: the system's. */
  ca: string | undefined;
  timeoutMs: number;
  retries: number;
}

export interface HeldResult {
  locations: CallerLocation[];
  /** Why no location came back (not allowed, timeout, HELD error, garbage). */
  problem: string | null;
  raw: string | null;
}

const REQUEST = `<?xml version="1.0" encoding="UTF-8"?>
<locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held" responseTime="emergencyRouting">
  <locationType exact="false">geodetic</locationType>
</locationRequest>`;
/** A PIDF-LO answer is a few KB; a polygon 13 KB. More is not a location server speaking. */
const MAX_ANSWER_BYTES = 256 * 1024;

export class HeldClient {
  constructor(private readonly settings: HeldSettings) {}

  /** Dereferences `uri`; never throws: a failure is a result with its problem. */
  async locate(uri: string): Promise<HeldResult> {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return failed('not a URI');
    }
    if (url.protocol !== 'https:') return failed('location by reference is https: only');
    if (!this.settings.servers.includes(url.origin))
      return failed(`location server ${url.origin} is not configured (HELD_SERVERS)`);
    let last = 'no attempt';
    for (let attempt = 0; attempt <= this.settings.retries; attempt += 1) {
      try {
        return answerOf(await this.post(url));
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
    }
    return failed(`location server did not answer: ${last}`);
  }

  private post(url: URL): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          ca: this.settings.ca,
          headers: { 'content-type': 'application/held+xml;charset=utf-8', accept: 'application/held+xml' },
          timeout: this.settings.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_ANSWER_BYTES) req.destroy(new Error('answer too large'));
            else chunks.push(c);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      // A server that accepts and then hangs: the whole exchange is bounded, not only the connection.
      const deadline = setTimeout(() => req.destroy(new Error('timed out')), this.settings.timeoutMs);
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (err) => {
        clearTimeout(deadline);
        reject(err);
      });
      req.on('close', () => clearTimeout(deadline));
      req.end(REQUEST);
    });
  }
}

function failed(problem: string, raw: string | null = null): HeldResult {
  return { locations: [], problem, raw };
}

/** A locationResponse carries a PIDF-LO; an error names its code (RFC 5985 section 8.5). */
function answerOf({ status, body }: { status: number; body: string }): HeldResult {
  const raw = body.slice(0, 70_000);
  if (status !== 200) return failed(`location server answered HTTP ${status}`, raw);
  const error = /<(?:\w+:)?error[^>]*\scode="([^"]{1,64})"/.exec(body);
  if (error) return failed(`location server error: ${error[1]}`, raw);
  const reading = readHeldAnswer(body);
  if (reading.locations.length === 0)
    return failed(reading.problems[0] ?? 'location server answered without a location', raw);
  return { locations: reading.locations.map((l) => ({ ...l, source: 'held' as const })), problem: null, raw };
}
