// Caller location from a PIDF-LO body (RFC 4119 / RFC 5491): a gml:Point, or a gs:Circle with its radius.
import type { CallerLocation } from '@hcm112/shared';

const POS = /<(?:\w+:)?pos>\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*<\/(?:\w+:)?pos>/;
const RADIUS = /<(?:\w+:)?radius[^>]*>\s*(\d+(?:\.\d+)?)\s*<\/(?:\w+:)?radius>/;

/** The location in a SIP body (plain PIDF-LO or a multipart containing one), or null when there is none. */
export function parsePidfLo(body: string): CallerLocation | null {
  if (!/<(?:\w+:)?presence[\s>]/.test(body)) return null;
  const pos = POS.exec(body);
  if (!pos) return null;
  const lat = Number(pos[1]);
  const lon = Number(pos[2]);
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return null;
  const radius = RADIUS.exec(body);
  return {
    point: { lat, lon },
    accuracyM: radius ? Number(radius[1]) : null,
    source: 'pidf-lo',
    shape: null,
    method: null,
    at: null,
  };
}
