// The drawn route: the street pieces a search toward the destination found, walked from the start's piece through
// the search's next-arc links to the destination's piece, as [lon, lat] points (the part of each end piece only).
import { FORWARD, type RoadNetwork } from './road-network.ts';
import type { Snapped } from './snap.ts';

/** How the start joins the graph: 'to' (drives to its piece's last node), 'from', or 'direct' on the target's piece. */
export type Via = 'to' | 'from' | 'direct';

/**
 * The street path from `start` to `target` after a search toward the target whose next-arc links are `next`
 * (arc = piece * 2, + 1 when driven backwards; -1 at the target's own piece).
 */
export function streetPath(
  net: RoadNetwork,
  next: Int32Array,
  start: Snapped,
  target: Snapped,
  via: Via,
): Array<[number, number]> {
  const path: Array<[number, number]> = [];
  if (via === 'direct') {
    appendSlice(net, path, start.piece, start.offset, target.offset);
    return path;
  }
  let node = via === 'to' ? net.pieceTo[start.piece]! : net.pieceFrom[start.piece]!;
  appendSlice(net, path, start.piece, start.offset, via === 'to' ? net.pieceLength[start.piece]! : 0);
  while (next[node]! >= 0) {
    const arc = next[node]!;
    const piece = arc >> 1;
    const forward = (arc & 1) === 0;
    appendSlice(
      net,
      path,
      piece,
      forward ? 0 : net.pieceLength[piece]!,
      forward ? net.pieceLength[piece]! : 0,
    );
    node = forward ? net.pieceTo[piece]! : net.pieceFrom[piece]!;
  }
  const enteredAtStart = node === net.pieceFrom[target.piece] && net.pieceDirection[target.piece]! & FORWARD;
  appendSlice(net, path, target.piece, enteredAtStart ? 0 : net.pieceLength[target.piece]!, target.offset);
  return path;
}

/** Appends the piece's points between two offsets (in that order, so backwards when b < a). */
function appendSlice(
  net: RoadNetwork,
  path: Array<[number, number]>,
  piece: number,
  a: number,
  b: number,
): void {
  const first = net.pieceStart[piece]!;
  const last = net.pieceEnd[piece]! - 1;
  const at = (offset: number): [number, number] => {
    let k = first;
    while (k < last - 1 && net.along[k + 1]! < offset) k++;
    const span = net.along[k + 1]! - net.along[k]!;
    const t = span > 0 ? Math.min(1, Math.max(0, (offset - net.along[k]!) / span)) : 0;
    const c = net.coords;
    return [c[2 * k]! + t * (c[2 * k + 2]! - c[2 * k]!), c[2 * k + 1]! + t * (c[2 * k + 3]! - c[2 * k + 1]!)];
  };
  path.push(at(a));
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const inner: Array<[number, number]> = [];
  for (let k = first; k <= last; k++) {
    const d = net.along[k]!;
    if (d > lo && d < hi) inner.push([net.coords[2 * k]!, net.coords[2 * k + 1]!]);
  }
  if (b < a) inner.reverse();
  path.push(...inner, at(b));
}
