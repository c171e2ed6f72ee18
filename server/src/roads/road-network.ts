// The street graph built from drivable OSM ways (GeoJSON LineStrings): junctions are the coordinates two ways
// share (OSM ways share their junction nodes, so the export is noded), streets are cut into pieces between them.
import { ROAD_CLASSES, type RoadClass, roadClassOf } from './travel-model.ts';

/** Direction bits of a piece: drivable from its first to its last point, and back. */
export const FORWARD = 1;
export const BACKWARD = 2;

export interface RoadNetwork {
  nodeCount: number;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  pieceCount: number;
  pieceFrom: Uint32Array;
  pieceTo: Uint32Array;
  /** Metres along the piece. */
  pieceLength: Float64Array;
  pieceClass: Uint8Array;
  pieceDirection: Uint8Array;
  pieceName: Int32Array;
  /** The piece's points are coords[2 * k], coords[2 * k + 1] for pieceStart[i] <= k < pieceEnd[i]; along[k] their distance from its start. */
  pieceStart: Uint32Array;
  pieceEnd: Uint32Array;
  coords: Float64Array;
  along: Float64Array;
  names: string[];
  /**
   * Arcs are piece * 2 (forward) and piece * 2 + 1 (backward); arcsInto lists, for each node, the arcs that end
   * there (CSR: arcsInto[intoStart[n] .. intoStart[n + 1]]), for searches toward a destination.
   */
  intoStart: Uint32Array;
  arcsInto: Uint32Array;
  /** The arcs leaving each node, for searches from an origin (CSR like arcsInto). */
  outStart: Uint32Array;
  arcsOut: Uint32Array;
  /** Strongly connected component of each node; pieces of small components are not snapped to. */
  component: Int32Array;
  routable: Uint8Array;
}

interface WayFeature {
  geometry?: { type?: string; coordinates?: unknown };
  properties?: Record<string, unknown> | null;
}

/** Ways whose direction the tags make one-way (OSM conventions: roundabouts and motorways are one-way). */
export function directionOf(props: Record<string, unknown>): number {
  const oneway = String(props.oneway ?? '').split(';')[0];
  if (oneway === 'yes' || oneway === 'true' || oneway === '1') return FORWARD;
  if (oneway === '-1' || oneway === 'reverse') return BACKWARD;
  if (oneway === 'no' || oneway === 'false' || oneway === '0') return FORWARD | BACKWARD;
  if (props.junction === 'roundabout' || props.junction === 'circular' || props.highway === 'motorway')
    return FORWARD;
  return FORWARD | BACKWARD;
}

const R = 6_371_008.8;
const RAD = Math.PI / 180;
export function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

type Piece = {
  from: number;
  to: number;
  len: number;
  cls: number;
  dir: number;
  name: number;
  start: number;
  end: number;
};
type Line = { coords: number[][]; cls: RoadClass; dir: number; name: string };

function drivableLines(features: readonly WayFeature[]): Line[] {
  const lines: Line[] = [];
  for (const f of features) {
    const props = f.properties ?? {};
    const cls = roadClassOf(props.highway);
    const coords = f.geometry?.coordinates;
    if (!cls || f.geometry?.type !== 'LineString' || !Array.isArray(coords)) continue;
    const valid = (coords as unknown[]).filter(
      (c): c is number[] => Array.isArray(c) && Number.isFinite(c[0]) && Number.isFinite(c[1]),
    );
    if (valid.length < 2) continue;
    lines.push({ coords: valid, cls, dir: directionOf(props), name: String(props.name ?? '') });
  }
  return lines;
}

/** Builds the graph; `minComponentNodes` drops islands (parking aisles, fragments cut off by the extract). */
export function buildRoadNetwork(features: readonly WayFeature[], minComponentNodes = 50): RoadNetwork {
  const lines = drivableLines(features);
  const key = (c: number[]) => `${c[0]},${c[1]}`;
  const uses = new Map<string, number>();
  for (const l of lines) {
    for (let i = 0; i < l.coords.length; i++) {
      const k = key(l.coords[i]!);
      const isEnd = i === 0 || i === l.coords.length - 1;
      uses.set(k, (uses.get(k) ?? 0) + (isEnd ? 2 : 1));
    }
  }
  const nodeOf = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const node = (c: number[]) => {
    const k = key(c);
    let id = nodeOf.get(k);
    if (id === undefined) {
      id = lon.length;
      nodeOf.set(k, id);
      lon.push(c[0]!);
      lat.push(c[1]!);
    }
    return id;
  };
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const pieces: Piece[] = [];
  const coords: number[] = [];
  const along: number[] = [];
  for (const l of lines) {
    let nameId = -1;
    if (l.name) {
      nameId = nameIds.get(l.name) ?? names.length;
      if (nameId === names.length) {
        names.push(l.name);
        nameIds.set(l.name, nameId);
      }
    }
    let start = coords.length / 2;
    let from = node(l.coords[0]!);
    let len = 0;
    coords.push(l.coords[0]![0]!, l.coords[0]![1]!);
    along.push(0);
    for (let i = 1; i < l.coords.length; i++) {
      const c = l.coords[i]!;
      const p = l.coords[i - 1]!;
      len += metresBetween(p[0]!, p[1]!, c[0]!, c[1]!);
      coords.push(c[0]!, c[1]!);
      along.push(len);
      const last = i === l.coords.length - 1;
      if (!last && (uses.get(key(c)) ?? 0) < 2) continue;
      const to = node(c);
      if (from !== to || len > 0)
        pieces.push({
          from,
          to,
          len,
          cls: ROAD_CLASSES.indexOf(l.cls),
          dir: l.dir,
          name: nameId,
          start,
          end: coords.length / 2,
        });
      if (last) break;
      // The junction starts the next piece.
      start = coords.length / 2;
      coords.push(c[0]!, c[1]!);
      along.push(0);
      from = to;
      len = 0;
    }
  }
  return assemble(lon, lat, pieces, coords, along, names, minComponentNodes);
}

function assemble(
  lon: number[],
  lat: number[],
  pieces: Piece[],
  coords: number[],
  along: number[],
  names: string[],
  minComponentNodes: number,
): RoadNetwork {
  const n = lon.length;
  const m = pieces.length;
  const net: RoadNetwork = {
    nodeCount: n,
    nodeLon: Float64Array.from(lon),
    nodeLat: Float64Array.from(lat),
    pieceCount: m,
    pieceFrom: Uint32Array.from(pieces, (p) => p.from),
    pieceTo: Uint32Array.from(pieces, (p) => p.to),
    pieceLength: Float64Array.from(pieces, (p) => p.len),
    pieceClass: Uint8Array.from(pieces, (p) => p.cls),
    pieceDirection: Uint8Array.from(pieces, (p) => p.dir),
    pieceName: Int32Array.from(pieces, (p) => p.name),
    pieceStart: Uint32Array.from(pieces, (p) => p.start),
    pieceEnd: Uint32Array.from(pieces, (p) => p.end),
    coords: Float64Array.from(coords),
    along: Float64Array.from(along),
    names,
    intoStart: new Uint32Array(n + 1),
    arcsInto: new Uint32Array(0),
    outStart: new Uint32Array(n + 1),
    arcsOut: new Uint32Array(0),
    component: new Int32Array(n),
    routable: new Uint8Array(m),
  };
  const arcs: number[] = [];
  for (let p = 0; p < m; p++) {
    if (net.pieceDirection[p]! & FORWARD) arcs.push(p * 2);
    if (net.pieceDirection[p]! & BACKWARD) arcs.push(p * 2 + 1);
  }
  [net.intoStart, net.arcsInto] = byNode(n, arcs, (a) => arcHead(net, a));
  [net.outStart, net.arcsOut] = byNode(n, arcs, (a) => arcTail(net, a));
  net.component = stronglyConnected(net);
  const size = new Map<number, number>();
  for (const c of net.component) size.set(c, (size.get(c) ?? 0) + 1);
  // A small network (a test's, a town's) is kept whole: the bar is never above its largest component.
  const bar = Math.min(minComponentNodes, Math.max(0, ...size.values()));
  for (let p = 0; p < m; p++) {
    const c = net.component[net.pieceFrom[p]!]!;
    net.routable[p] = c === net.component[net.pieceTo[p]!] && (size.get(c) ?? 0) >= bar ? 1 : 0;
  }
  return net;
}

/** Arcs grouped by a node of theirs (compressed rows: start offsets per node, then the arcs). */
function byNode(n: number, arcs: number[], nodeOf: (arc: number) => number): [Uint32Array, Uint32Array] {
  const start = new Uint32Array(n + 1);
  for (const a of arcs) start[nodeOf(a) + 1]! += 1;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const list = new Uint32Array(arcs.length);
  const fill = start.slice();
  for (const a of arcs) list[fill[nodeOf(a)]!++] = a;
  return [start, list];
}

/** Node an arc leaves from, and the node it reaches. */
export const arcTail = (net: RoadNetwork, arc: number) =>
  arc & 1 ? net.pieceTo[arc >> 1]! : net.pieceFrom[arc >> 1]!;
export const arcHead = (net: RoadNetwork, arc: number) =>
  arc & 1 ? net.pieceFrom[arc >> 1]! : net.pieceTo[arc >> 1]!;

/** Tarjan's algorithm without recursion, over the reversed arcs (same components as the forward graph). */
function stronglyConnected(net: RoadNetwork): Int32Array {
  const n = net.nodeCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callNode = new Int32Array(n);
  const callEdge = new Uint32Array(n);
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = net.intoStart[root]!;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < net.intoStart[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = arcTail(net, net.arcsInto[e]!);
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          depth += 1;
          callNode[depth] = w;
          callEdge[depth] = net.intoStart[w]!;
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = comps;
        } while (w !== v);
        comps += 1;
      }
      depth -= 1;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
    }
  }
  return comp;
}
