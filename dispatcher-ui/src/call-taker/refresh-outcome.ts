// What a "refresh location" came to: the carrier's answer is the first HELD entry of the call's history after
// the ones there when the call-taker asked, compared with the carrier's last usable location before it.
import type { CallLocationHistory, CallerLocation, LocationFix } from '@hcm112/shared';

export type RefreshOutcome =
  | { kind: 'new'; location: CallerLocation }
  | { kind: 'unchanged'; location: CallerLocation }
  | { kind: 'unusable'; why: string };

/** Closer than this (in degrees, ~1 m) the carrier's point is the same place. */
const SAME_PLACE_DEG = 0.00001;

function samePlace(a: CallerLocation, b: CallerLocation): boolean {
  return (
    Math.abs(a.point.lat - b.point.lat) < SAME_PLACE_DEG &&
    Math.abs(a.point.lon - b.point.lon) < SAME_PLACE_DEG &&
    a.accuracyM === b.accuracyM &&
    JSON.stringify(a.shape?.geometry ?? null) === JSON.stringify(b.shape?.geometry ?? null)
  );
}

/** The largest entry id in `history`: the answer to a refresh asked now comes after it. */
export function lastFixId(history: CallLocationHistory | null): number {
  return Math.max(0, ...(history?.fixes.map((f) => f.id) ?? []));
}

/** null while the carrier's answer to a refresh asked after entry `after` has not arrived. */
export function refreshOutcome(history: CallLocationHistory, after: number): RefreshOutcome | null {
  const isHeld = (f: LocationFix) => f.source === 'held';
  const answer = history.fixes.find((f) => isHeld(f) && f.id > after);
  if (!answer) return null;
  if (!answer.location) return { kind: 'unusable', why: answer.problem ?? '' };
  const previous = history.fixes.filter((f) => isHeld(f) && f.id <= after && f.location).at(-1)?.location;
  return previous && samePlace(previous, answer.location)
    ? { kind: 'unchanged', location: answer.location }
    : { kind: 'new', location: answer.location };
}
