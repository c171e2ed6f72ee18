// Which calls a restart of Kamailio lost: those call control handles that Kamailio's snapshot at a sync does not
// name. A call that arrived just before the snapshot may be named by an event still on its way, so it is spared.
import type { AcdCall } from './acd-store.ts';

/** A call this long in Kamailio before its snapshot and missing from it was lost by Kamailio (us). */
export const SNAPSHOT_MARGIN_US = 1_000_000;

/** The calls of `known` that Kamailio's snapshot taken at `snapshotUs` no longer holds. */
export function lostCalls(
  known: Map<string, AcdCall>,
  holding: ReadonlySet<string>,
  snapshotUs: number,
): Array<[string, AcdCall]> {
  return [...known].filter(
    ([sipCallId, call]) =>
      // A text session is never held by Kamailio: only a call can be lost with it.
      call.channel !== 'text' &&
      !holding.has(sipCallId) &&
      Number(call.arrivedUs) <= snapshotUs - SNAPSHOT_MARGIN_US,
  );
}
