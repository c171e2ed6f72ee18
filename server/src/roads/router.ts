// Travel times and routes along the streets: points snapped to the nearest street, one search toward the
// destination, speeds by road class and period of the day. Off the network (or with no network loaded) a time is
// the straight line times the detour factor at the fallback class's speed, and says it is estimated.
import type { GeoPoint, TravelEstimate, UnitKind } from '@hcm112/shared';
import { BACKWARD, FORWARD, metresBetween, type RoadNetwork } from './road-network.ts';
import { streetPath, type Via } from './route-path.ts';
import { ReverseSearch, type Seed } from './search.ts';
import { type Snapped, StreetIndex } from './snap.ts';
import {
  kindFactor,
  type Period,
  periodAt,
  ROAD_CLASSES,
  type RoadClass,
  type TravelModel,
} from './travel-model.ts';

export interface RoadRoute extends TravelEstimate {
  /** [lon, lat] from the start to the destination; the straight line when estimated. */
  path: Array<[number, number]>;
}

export interface Origin {
  point: GeoPoint;
  kind?: UnitKind;
}

/** A search stops past this: nothing in the city is further, and an unreachable unit must not scan the whole graph. */
const MAX_SEARCH_SECONDS = 4 * 3600;

interface Leg {
  seconds: number;
  metres: number;
  via: Via;
}

export class RoadRouter {
  private readonly index?: StreetIndex;
  private readonly search?: ReverseSearch;
  private readonly pieceSeconds = new Map<Period, Float32Array>();

  constructor(
    private readonly net: RoadNetwork | undefined,
    readonly model: TravelModel,
    private readonly timeZone: string,
  ) {
    if (net) {
      this.index = new StreetIndex(net);
      this.search = new ReverseSearch(net);
    }
  }

  get network(): RoadNetwork | undefined {
    return this.net;
  }

  /** Seconds per metre on a road class (index into ROAD_CLASSES) at a period. */
  private secondsPerMetre(cls: number, period: Period): number {
    return 3.6 / this.model.speedsKmh[ROAD_CLASSES[cls]!][period];
  }

  private secondsOfPieces(period: Period): Float32Array {
    let s = this.pieceSeconds.get(period);
    if (!s && this.net) {
      const net = this.net;
      s = Float32Array.from(
        net.pieceLength,
        (len, p) => len * this.secondsPerMetre(net.pieceClass[p]!, period),
      );
      this.pieceSeconds.set(period, s);
    }
    return s ?? new Float32Array(0);
  }

  /** The straight-line estimate: off the network, across unconnected parts, or with no network at all. */
  estimate(from: GeoPoint, to: GeoPoint, at: Date, kind?: UnitKind): TravelEstimate {
    const period = periodAt(this.model, at, this.timeZone);
    const metres = metresBetween(from.lon, from.lat, to.lon, to.lat) * this.model.detourFactor;
    const kmh = this.model.speedsKmh[this.model.fallbackClass][period] * kindFactor(this.model, kind, period);
    return { seconds: Math.round(metres / (kmh / 3.6)), metres: Math.round(metres), estimated: true };
  }

  /** Travel time from each origin to one destination (one search for all of them). */
  travelTimesTo(to: GeoPoint, origins: readonly Origin[], at: Date): TravelEstimate[] {
    const period = periodAt(this.model, at, this.timeZone);
    const target = this.snap(to);
    if (!target || !this.net) return origins.map((o) => this.estimate(o.point, to, at, o.kind));
    const snaps = origins.map((o) => this.snap(o.point));
    this.searchToward(target, snaps, period);
    return origins.map((o, i) => {
      const s = snaps[i];
      const leg = s && this.legFrom(s, target, period);
      if (!s || !leg) return this.estimate(o.point, to, at, o.kind);
      return this.finish(leg, s, target, period, o.kind);
    });
  }

  /** Travel time from one origin to each destination (one search forwards), e.g. a patient's hospitals. */
  travelTimesFrom(
    from: GeoPoint,
    destinations: readonly GeoPoint[],
    at: Date,
    kind?: UnitKind,
  ): TravelEstimate[] {
    const period = periodAt(this.model, at, this.timeZone);
    const start = this.snap(from);
    if (!start || !this.net) return destinations.map((d) => this.estimate(from, d, at, kind));
    const net = this.net;
    const ends = destinations.map((d) => this.snap(d));
    const spm = (piece: number) => this.secondsPerMetre(net.pieceClass[piece]!, period);
    const dir = net.pieceDirection[start.piece]!;
    const len = net.pieceLength[start.piece]!;
    const seeds: Seed[] = [];
    if (dir & FORWARD)
      seeds.push({
        node: net.pieceTo[start.piece]!,
        seconds: (len - start.offset) * spm(start.piece),
        metres: len - start.offset,
      });
    if (dir & BACKWARD)
      seeds.push({
        node: net.pieceFrom[start.piece]!,
        seconds: start.offset * spm(start.piece),
        metres: start.offset,
      });
    const component = net.component[net.pieceFrom[start.piece]!];
    const wanted: number[] = [];
    for (const e of ends) {
      if (!e || net.component[net.pieceFrom[e.piece]!] !== component) continue;
      const d = net.pieceDirection[e.piece]!;
      if (d & FORWARD) wanted.push(net.pieceFrom[e.piece]!);
      if (d & BACKWARD) wanted.push(net.pieceTo[e.piece]!);
    }
    const search = this.search!;
    search.search(seeds, this.secondsOfPieces(period), wanted, MAX_SEARCH_SECONDS, true);
    return destinations.map((d, i) => {
      const e = ends[i];
      if (!e) return this.estimate(from, d, at, kind);
      let best: Leg | undefined;
      const offer = (leg: Leg) => {
        if (!best || leg.seconds < best.seconds) best = leg;
      };
      const ed = net.pieceDirection[e.piece]!;
      const elen = net.pieceLength[e.piece]!;
      if (e.piece === start.piece) {
        const gap = e.offset - start.offset;
        if ((gap >= 0 && ed & FORWARD) || (gap <= 0 && ed & BACKWARD))
          offer({ seconds: Math.abs(gap) * spm(e.piece), metres: Math.abs(gap), via: 'direct' });
      }
      const entry = net.pieceFrom[e.piece]!;
      if (ed & FORWARD && search.reached(entry))
        offer({
          seconds: search.seconds[entry]! + e.offset * spm(e.piece),
          metres: search.metres[entry]! + e.offset,
          via: 'to',
        });
      const exit = net.pieceTo[e.piece]!;
      if (ed & BACKWARD && search.reached(exit))
        offer({
          seconds: search.seconds[exit]! + (elen - e.offset) * spm(e.piece),
          metres: search.metres[exit]! + elen - e.offset,
          via: 'from',
        });
      return best ? this.finish(best, start, e, period, kind) : this.estimate(from, d, at, kind);
    });
  }

  travelTime(from: GeoPoint, to: GeoPoint, at: Date, kind?: UnitKind): TravelEstimate {
    return this.travelTimesTo(to, [{ point: from, kind }], at)[0]!;
  }

  /** The route itself, for drawing it and for the simulator to drive. */
  route(from: GeoPoint, to: GeoPoint, at: Date, kind?: UnitKind): RoadRoute {
    const period = periodAt(this.model, at, this.timeZone);
    const target = this.snap(to);
    const start = this.snap(from);
    const straight = (): RoadRoute => ({
      ...this.estimate(from, to, at, kind),
      path: [
        [from.lon, from.lat],
        [to.lon, to.lat],
      ],
    });
    if (!target || !start || !this.net) return straight();
    this.searchToward(target, [start], period);
    const leg = this.legFrom(start, target, period);
    if (!leg) return straight();
    const path: Array<[number, number]> = [
      [from.lon, from.lat],
      ...streetPath(this.net, this.search!.next, start, target, leg.via),
      [to.lon, to.lat],
    ];
    return { ...this.finish(leg, start, target, period, kind), path };
  }

  /** The street a point is on (within `maxMetres`): its class, name, and how far the point is from it. */
  streetAt(
    p: GeoPoint,
    maxMetres = this.model.snapMaxMetres,
  ): { roadClass: RoadClass; name: string; metres: number } | undefined {
    const s = this.index?.snap(p.lon, p.lat, maxMetres);
    if (!s || !this.net) return undefined;
    const name = this.net.pieceName[s.piece]!;
    return {
      roadClass: ROAD_CLASSES[this.net.pieceClass[s.piece]!]!,
      name: name >= 0 ? this.net.names[name]! : '',
      metres: s.metres,
    };
  }

  /** Metres along the streets between the feet of two points (nothing off the street); undefined if unreachable. */
  streetMetres(from: GeoPoint, to: GeoPoint, at: Date): number | undefined {
    const period = periodAt(this.model, at, this.timeZone);
    const target = this.snap(to);
    const start = this.snap(from);
    if (!target || !start) return undefined;
    this.searchToward(target, [start], period);
    return this.legFrom(start, target, period)?.metres;
  }

  straightMetres(a: GeoPoint, b: GeoPoint): number {
    return metresBetween(a.lon, a.lat, b.lon, b.lat);
  }

  private snap(p: GeoPoint): Snapped | undefined {
    return this.index?.snap(p.lon, p.lat, this.model.snapMaxMetres);
  }

  private searchToward(target: Snapped, origins: ReadonlyArray<Snapped | undefined>, period: Period): void {
    const net = this.net!;
    const spm = this.secondsPerMetre(net.pieceClass[target.piece]!, period);
    const seeds: Seed[] = [];
    const dir = net.pieceDirection[target.piece]!;
    const len = net.pieceLength[target.piece]!;
    if (dir & FORWARD)
      seeds.push({ node: net.pieceFrom[target.piece]!, seconds: target.offset * spm, metres: target.offset });
    if (dir & BACKWARD)
      seeds.push({
        node: net.pieceTo[target.piece]!,
        seconds: (len - target.offset) * spm,
        metres: len - target.offset,
      });
    // Only origins in the destination's component can reach it: waiting for another would search everything.
    const component = net.component[net.pieceFrom[target.piece]!];
    const wanted: number[] = [];
    for (const s of origins) {
      if (!s || net.component[net.pieceFrom[s.piece]!] !== component) continue;
      const d = net.pieceDirection[s.piece]!;
      if (d & FORWARD) wanted.push(net.pieceTo[s.piece]!);
      if (d & BACKWARD) wanted.push(net.pieceFrom[s.piece]!);
    }
    this.search!.search(seeds, this.secondsOfPieces(period), wanted, MAX_SEARCH_SECONDS);
  }

  /** The best way from a snapped origin to the target after searchToward; undefined when unreachable. */
  private legFrom(s: Snapped, target: Snapped, period: Period): Leg | undefined {
    const net = this.net!;
    const search = this.search!;
    const d = net.pieceDirection[s.piece]!;
    const len = net.pieceLength[s.piece]!;
    const spm = this.secondsPerMetre(net.pieceClass[s.piece]!, period);
    let best: Leg | undefined;
    const offer = (leg: Leg) => {
      if (!best || leg.seconds < best.seconds) best = leg;
    };
    if (s.piece === target.piece) {
      const gap = target.offset - s.offset;
      if ((gap >= 0 && d & FORWARD) || (gap <= 0 && d & BACKWARD))
        offer({ seconds: Math.abs(gap) * spm, metres: Math.abs(gap), via: 'direct' });
    }
    const to = net.pieceTo[s.piece]!;
    if (d & FORWARD && search.reached(to))
      offer({
        seconds: (len - s.offset) * spm + search.seconds[to]!,
        metres: len - s.offset + search.metres[to]!,
        via: 'to',
      });
    const from = net.pieceFrom[s.piece]!;
    if (d & BACKWARD && search.reached(from))
      offer({
        seconds: s.offset * spm + search.seconds[from]!,
        metres: s.offset + search.metres[from]!,
        via: 'from',
      });
    return best;
  }

  /** Adds the walk onto and off the street (at the fallback class's speed) and the unit kind's factor. */
  private finish(leg: Leg, s: Snapped, target: Snapped, period: Period, kind?: UnitKind): TravelEstimate {
    const offStreet = s.metres + target.metres;
    const spm = 3.6 / this.model.speedsKmh[this.model.fallbackClass][period];
    const seconds = (leg.seconds + offStreet * spm) / kindFactor(this.model, kind, period);
    return { seconds: Math.round(seconds), metres: Math.round(leg.metres + offStreet), estimated: false };
  }
}
