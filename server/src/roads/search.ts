// One Dijkstra search toward a destination over the reversed arcs: afterwards each reached junction knows its
// travel time to the destination and the arc to take, so one search answers every unit and draws any route.
// The same search runs forwards from an origin, for one unit's time to many places (hospitals).
import FlatQueue from 'flatqueue';
import type { RoadNetwork } from './road-network.ts';

export interface Seed {
  node: number;
  seconds: number;
  metres: number;
}

export class ReverseSearch {
  readonly seconds: Float64Array;
  readonly metres: Float64Array;
  /** Arc to take from the node toward the destination (forwards: the arc it was reached by); -1 at a seed. */
  readonly next: Int32Array;
  private readonly seen: Uint32Array;
  private readonly settled: Uint32Array;
  private readonly wanted: Uint32Array;
  private readonly queue = new FlatQueue<number>();
  private run = 0;

  constructor(private readonly net: RoadNetwork) {
    const n = net.nodeCount;
    this.seconds = new Float64Array(n);
    this.metres = new Float64Array(n);
    this.next = new Int32Array(n);
    this.seen = new Uint32Array(n);
    this.settled = new Uint32Array(n);
    this.wanted = new Uint32Array(n);
  }

  /** Whether the last search settled the node (its time is final). */
  reached(node: number): boolean {
    return this.settled[node] === this.run;
  }

  /**
   * Searches from the seeds until every wanted node is settled (all nodes when none is given), or the next
   * node is more than `maxSeconds` away. `pieceSeconds` is the time to drive each piece at this hour.
   */
  search(
    seeds: Seed[],
    pieceSeconds: Float32Array,
    wanted: readonly number[] | null,
    maxSeconds: number,
    forwards = false,
  ): void {
    this.run += 1;
    const run = this.run;
    const { net, queue, seconds, metres, next, seen, settled } = this;
    // Locals, not property loads, in the loop that runs for every junction reached.
    const { pieceFrom, pieceTo, pieceLength } = net;
    const starts = forwards ? net.outStart : net.intoStart;
    const arcs = forwards ? net.arcsOut : net.arcsInto;
    // The node at the other end of an arc: its tail searching toward a destination, its head searching forwards.
    const otherIsTo = forwards ? 0 : 1;
    queue.clear();
    let remaining = 0;
    if (wanted) {
      for (const w of wanted) {
        if (this.wanted[w] === run) continue;
        this.wanted[w] = run;
        remaining += 1;
      }
      if (remaining === 0) return;
    }
    for (const s of seeds) {
      if (seen[s.node] === run && seconds[s.node]! <= s.seconds) continue;
      seen[s.node] = run;
      seconds[s.node] = s.seconds;
      metres[s.node] = s.metres;
      next[s.node] = -1;
      queue.push(s.node, s.seconds);
    }
    while (queue.length > 0) {
      const v = queue.pop()!;
      if (settled[v] === run) continue;
      const t = seconds[v]!;
      if (t > maxSeconds) break;
      settled[v] = run;
      if (wanted && this.wanted[v] === run && --remaining === 0) break;
      const end = starts[v + 1]!;
      for (let e = starts[v]!; e < end; e++) {
        const arc = arcs[e]!;
        const piece = arc >> 1;
        const u = (arc & 1) === otherIsTo ? pieceTo[piece]! : pieceFrom[piece]!;
        if (settled[u] === run) continue;
        const nt = t + pieceSeconds[piece]!;
        if (seen[u] === run && seconds[u]! <= nt) continue;
        seen[u] = run;
        seconds[u] = nt;
        metres[u] = metres[v]! + pieceLength[piece]!;
        next[u] = arc;
        queue.push(u, nt);
      }
    }
  }
}
