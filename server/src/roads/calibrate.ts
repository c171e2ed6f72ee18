// Calibrates the speeds by road class and period from the units' own AVL history: each pair of consecutive fixes
// of a unit on the same class of street is a sample (metres along the streets over seconds between the fixes,
// brought back to the emergency car's speed by the unit kind's factor); a class and period with enough driving
// gets the time-weighted mean speed, the rest keeps its configured speed.
import type { GeoPoint, UnitKind } from '@hcm112/shared';
import type { RoadRouter } from './router.ts';
import {
  kindFactor,
  type Period,
  periodAt,
  ROAD_CLASSES,
  type RoadClass,
  type TravelModel,
} from './travel-model.ts';

export interface Fix {
  at: Date;
  point: GeoPoint;
}

export interface CalibrationOptions {
  /** A class and period needs at least this many seconds of driving to be calibrated. */
  minSeconds: number;
  /** Fixes further apart than this belong to different trips (signal lost, unit parked). */
  maxGapSeconds: number;
  /** A fix further than this from a street is not on the network (yard, station, off the map). */
  onStreetMetres: number;
  /** A unit that stays within this many metres... */
  stillMetres: number;
  /** ...for this long is parked (at the station, on scene), not driving: such time is not counted. */
  parkedSeconds: number;
}

export const DEFAULT_CALIBRATION: CalibrationOptions = {
  minSeconds: 300,
  maxGapSeconds: 60,
  onStreetMetres: 25,
  stillMetres: 5,
  parkedSeconds: 120,
};

interface Tally {
  metres: number;
  seconds: number;
  samples: number;
}

export interface CalibrationResult {
  model: TravelModel;
  /** Per class and period: what was measured and whether it replaced the configured speed. */
  cells: Array<
    { roadClass: RoadClass; period: Period } & Tally & { kmh: number; before: number; applied: boolean }
  >;
  samples: number;
}

export class SpeedCalibration {
  private readonly tallies = new Map<string, Tally>();
  private samples = 0;

  constructor(
    private readonly router: RoadRouter,
    private readonly timeZone: string,
    private readonly options: CalibrationOptions = DEFAULT_CALIBRATION,
  ) {}

  /** Adds one unit's fixes, in time order. */
  addUnit(kind: UnitKind, fixes: readonly Fix[]): void {
    const { options, router } = this;
    // Time standing still is held back until the unit moves again: a short stop (lights, traffic) is part of the
    // drive, a long one (station, scene) is parked, and none of it counts.
    let still: Array<{ key: string; seconds: number }> = [];
    let stillSeconds = 0;
    for (let i = 1; i < fixes.length; i++) {
      const a = fixes[i - 1]!;
      const b = fixes[i]!;
      const seconds = (b.at.getTime() - a.at.getTime()) / 1000;
      if (seconds <= 0 || seconds > options.maxGapSeconds) {
        still = [];
        stillSeconds = 0;
        continue;
      }
      const cell = this.cellOf(a, b, kind);
      if (!cell) continue;
      const moved = router.straightMetres(a.point, b.point);
      if (moved <= options.stillMetres) {
        stillSeconds += seconds;
        if (stillSeconds <= options.parkedSeconds) still.push({ key: cell.key, seconds });
        else still = [];
        continue;
      }
      // GPS wander of a still unit is not driving; a moving one is measured along the streets.
      const metres = router.streetMetres(a.point, b.point, cell.mid);
      if (metres === undefined) continue;
      if (stillSeconds <= options.parkedSeconds) for (const s of still) this.tally(s.key, 0, s.seconds);
      still = [];
      stillSeconds = 0;
      this.tally(cell.key, metres / cell.factor, seconds);
    }
  }

  /** The class and period a pair of fixes counts for, when both are on the same class of street. */
  private cellOf(a: Fix, b: Fix, kind: UnitKind) {
    const { options, router } = this;
    const ca = router.streetAt(a.point, options.onStreetMetres);
    const cb = router.streetAt(b.point, options.onStreetMetres);
    if (!ca || !cb || ca.roadClass !== cb.roadClass) return undefined;
    const mid = new Date((a.at.getTime() + b.at.getTime()) / 2);
    const period = periodAt(router.model, mid, this.timeZone);
    return { key: `${ca.roadClass}/${period}`, mid, factor: kindFactor(router.model, kind, period) };
  }

  private tally(key: string, metres: number, seconds: number): void {
    const t = this.tallies.get(key) ?? { metres: 0, seconds: 0, samples: 0 };
    t.metres += metres;
    t.seconds += seconds;
    t.samples += 1;
    this.tallies.set(key, t);
    this.samples += 1;
  }

  result(now: Date, window: { from: Date; to: Date }): CalibrationResult {
    const base = this.router.model;
    const speedsKmh = structuredClone(base.speedsKmh);
    const cells: CalibrationResult['cells'] = [];
    for (const roadClass of ROAD_CLASSES) {
      for (const period of ['night', 'day', 'peak'] as const) {
        const t = this.tallies.get(`${roadClass}/${period}`);
        if (!t) continue;
        const kmh = t.seconds > 0 ? (t.metres / t.seconds) * 3.6 : 0;
        const applied = t.seconds >= this.options.minSeconds && kmh >= 1 && kmh <= 150;
        const before = base.speedsKmh[roadClass][period];
        if (applied) speedsKmh[roadClass][period] = Math.round(kmh * 10) / 10;
        cells.push({ roadClass, period, ...t, kmh, before, applied });
      }
    }
    const model: TravelModel = {
      ...base,
      speedsKmh,
      calibrated: {
        at: now.toISOString(),
        samples: this.samples,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
      },
    };
    return { model, cells, samples: this.samples };
  }
}
