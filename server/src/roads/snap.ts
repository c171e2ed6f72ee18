// Finds the street a point is on: the nearest segment of a routable piece (a static R-tree over every segment),
// and where along that piece the point's foot lies.
import Flatbush from 'flatbush';
import type { RoadNetwork } from './road-network.ts';

export interface Snapped {
  piece: number;
  /** Metres from the piece's first point to the foot of the point. */
  offset: number;
  /** Metres from the point to the street. */
  metres: number;
  lon: number;
  lat: number;
}

/** Metres per degree of latitude, and of longitude at the equator (WGS84 means, good to 0.5 % here). */
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320;
/** Bounding boxes looked at before the nearest segment is chosen by its true distance. */
const CANDIDATES = 8;

export class StreetIndex {
  private readonly index: Flatbush;
  private readonly segmentStart: Uint32Array;
  private readonly segmentPiece: Uint32Array;

  constructor(private readonly net: RoadNetwork) {
    const starts: number[] = [];
    const owners: number[] = [];
    for (let p = 0; p < net.pieceCount; p++) {
      if (!net.routable[p]) continue;
      for (let k = net.pieceStart[p]!; k + 1 < net.pieceEnd[p]!; k++) {
        starts.push(k);
        owners.push(p);
      }
    }
    this.segmentStart = Uint32Array.from(starts);
    this.segmentPiece = Uint32Array.from(owners);
    this.index = new Flatbush(Math.max(1, starts.length));
    const c = net.coords;
    for (const k of starts) {
      const [x0, y0, x1, y1] = [c[2 * k]!, c[2 * k + 1]!, c[2 * k + 2]!, c[2 * k + 3]!];
      this.index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
    if (starts.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  get segments(): number {
    return this.segmentStart.length;
  }

  /** The nearest street within `maxMetres`, or undefined when the point is off the network. */
  snap(lon: number, lat: number, maxMetres: number): Snapped | undefined {
    if (this.segmentStart.length === 0) return undefined;
    const kx = M_PER_DEG_LON * Math.cos((lat * Math.PI) / 180);
    const ky = M_PER_DEG_LAT;
    const maxDeg = maxMetres / Math.min(kx, ky);
    const hits = this.index.neighbors(lon, lat, CANDIDATES, maxDeg);
    let best: Snapped | undefined;
    const c = this.net.coords;
    for (const h of hits) {
      const k = this.segmentStart[h]!;
      const ax = (c[2 * k]! - lon) * kx;
      const ay = (c[2 * k + 1]! - lat) * ky;
      const bx = (c[2 * k + 2]! - lon) * kx;
      const by = (c[2 * k + 3]! - lat) * ky;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
      const fx = ax + t * dx;
      const fy = ay + t * dy;
      const metres = Math.hypot(fx, fy);
      if (metres > maxMetres || (best && metres >= best.metres)) continue;
      const piece = this.segmentPiece[h]!;
      const along = this.net.along;
      best = {
        piece,
        offset: along[k]! + t * (along[k + 1]! - along[k]!),
        metres,
        lon: lon + fx / kx,
        lat: lat + fy / ky,
      };
    }
    return best;
  }
}
