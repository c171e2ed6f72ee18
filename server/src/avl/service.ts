// Automatic vehicle location: a unit's device reports where it is, proven by the unit's own token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { PositionReport } from '@hcm112/shared';
import type { AppContext } from '../context.ts';
import { Invalid, Unauthenticated } from '../errors.ts';
import { recordPosition, unitTokenHash } from '../units/repository.ts';

function tokenMatches(token: string, storedHex: string | null): boolean {
  if (!storedHex) return false;
  const given = createHash('sha256').update(token).digest();
  const stored = Buffer.from(storedHex, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}

/** Stores the position (history row and current position) and pushes it to consoles. */
export async function reportPosition(
  ctx: AppContext,
  unitId: string,
  token: string | undefined,
  report: PositionReport,
): Promise<void> {
  const stored = await unitTokenHash(ctx.db, unitId);
  // The same answer for an unknown unit and a wrong token: a device learns nothing by guessing.
  if (!token || stored === undefined || !tokenMatches(token, stored))
    throw new Unauthenticated('unknown unit or wrong unit token');
  const now = ctx.clock();
  const at = report.at ? new Date(report.at) : now;
  if (at.getTime() > now.getTime() + 60_000)
    throw new Invalid('position time is in the future', { at: 'must not be in the future' });
  const position = {
    point: { lat: report.lat, lon: report.lon },
    heading: report.heading,
    speedKmh: report.speedKmh,
    at: at.toISOString(),
  };
  const current = await recordPosition(ctx.db, unitId, position, at);
  if (current) await ctx.events.publish({ type: 'unit.position', unitId, position });
}
