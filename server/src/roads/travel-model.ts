// The travel model's settings: road classes, periods of the day and the speeds on each, the factor of each unit
// kind, and the straight-line fallback. Read from ROAD_SPEEDS_FILE (validated once) or the built-in defaults.
import { readFileSync } from 'node:fs';
import { UnitKind } from '@hcm112/shared';
import { z } from 'zod';

export const ROAD_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
] as const;
export const RoadClass = z.enum(ROAD_CLASSES);
export type RoadClass = z.infer<typeof RoadClass>;

/** The OSM highway tag's class, links counted as their road ("primary_link" drives like "primary"). */
export function roadClassOf(highway: unknown): RoadClass | undefined {
  if (typeof highway !== 'string') return undefined;
  const parsed = RoadClass.safeParse(highway.replace(/_link$/, ''));
  return parsed.success ? parsed.data : undefined;
}

export const PERIODS = ['night', 'day', 'peak'] as const;
export const Period = z.enum(PERIODS);
export type Period = z.infer<typeof Period>;

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Span = z.object({ from: Clock, to: Clock });
const Kmh = z.number().min(1).max(150);
const ByPeriod = z.object({ night: Kmh, day: Kmh, peak: Kmh });
const Factor = z.number().min(0.1).max(5);

export const TravelModel = z.object({
  /** Local times (TIME_ZONE) of the rush hours and of the night; the rest of the day is "day". */
  periods: z.object({ peak: z.array(Span).max(8), night: z.array(Span).max(8) }),
  /** Average speed of an emergency car (lights and sirens) on each road class, by period. */
  speedsKmh: z.object(
    Object.fromEntries(ROAD_CLASSES.map((c) => [c, ByPeriod])) as Record<RoadClass, typeof ByPeriod>,
  ),
  /** How much faster (> 1) or slower a kind of unit is than the emergency car, by period. */
  kindFactors: z.partialRecord(UnitKind, z.object({ night: Factor, day: Factor, peak: Factor })).default({}),
  /** Off the street network: straight line times this factor, at the speed of this class. */
  detourFactor: z.number().min(1).max(4),
  fallbackClass: RoadClass,
  /** A point farther than this from every street is off the network (its times are estimated). */
  snapMaxMetres: z.number().min(10).max(5000),
  /** Where the calibration came from, when a command wrote the file. */
  calibrated: z
    .object({ at: z.string(), samples: z.number().int().nonnegative(), from: z.string(), to: z.string() })
    .optional(),
});
export type TravelModel = z.infer<typeof TravelModel>;

const HEAVY = { night: 0.85, day: 0.85, peak: 0.8 };
const TWO_WHEELS = { night: 1.05, day: 1.2, peak: 1.5 };

/** Defaults for Ho Chi Minh City until a calibration from the units' own AVL history replaces them. */
export const DEFAULT_TRAVEL_MODEL: TravelModel = {
  periods: {
    peak: [
      { from: '07:00', to: '09:00' },
      { from: '16:30', to: '19:00' },
    ],
    night: [{ from: '22:00', to: '06:00' }],
  },
  speedsKmh: {
    motorway: { night: 80, day: 65, peak: 45 },
    trunk: { night: 60, day: 45, peak: 28 },
    primary: { night: 50, day: 38, peak: 22 },
    secondary: { night: 45, day: 34, peak: 20 },
    tertiary: { night: 40, day: 30, peak: 18 },
    unclassified: { night: 32, day: 25, peak: 16 },
    residential: { night: 28, day: 22, peak: 14 },
    living_street: { night: 15, day: 12, peak: 8 },
  },
  kindFactors: {
    'fire-engine': HEAVY,
    'ladder-truck': { night: 0.75, day: 0.75, peak: 0.7 },
    'hazmat-truck': { night: 0.75, day: 0.75, peak: 0.7 },
    'rescue-truck': HEAVY,
    'rescue-boat': { night: 0.7, day: 0.7, peak: 0.65 },
    'police-motorbike': TWO_WHEELS,
    'traffic-police': TWO_WHEELS,
  },
  detourFactor: 1.35,
  fallbackClass: 'secondary',
  snapMaxMetres: 500,
};

/** The model in ROAD_SPEEDS_FILE, or the defaults when none is configured. Throws naming the bad field. */
export function loadTravelModel(file: string): TravelModel {
  if (!file) return DEFAULT_TRAVEL_MODEL;
  const parsed = TravelModel.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid ROAD_SPEEDS_FILE ${file}: ${lines.join('; ')}`);
  }
  return parsed.data;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

function inSpan(minute: number, span: { from: string; to: string }): boolean {
  const from = minutesOf(span.from);
  const to = minutesOf(span.to);
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** Minutes since local midnight in a time zone. */
const formats = new Map<string, Intl.DateTimeFormat>();
export function localMinute(at: Date, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  let minute = 0;
  for (const p of format.formatToParts(at)) {
    if (p.type === 'hour') minute += Number(p.value) * 60;
    if (p.type === 'minute') minute += Number(p.value);
  }
  return minute;
}

let lastPeriod: { model: TravelModel; zone: string; minuteOfEpoch: number; period: Period } | undefined;

/** The period at a time; asked for every recommendation, so the last answer is kept for its minute. */
export function periodAt(model: TravelModel, at: Date, timeZone: string): Period {
  const minuteOfEpoch = Math.floor(at.getTime() / 60_000);
  const last = lastPeriod;
  if (last && last.model === model && last.zone === timeZone && last.minuteOfEpoch === minuteOfEpoch)
    return last.period;
  const period = periodAtMinute(model, localMinute(at, timeZone));
  lastPeriod = { model, zone: timeZone, minuteOfEpoch, period };
  return period;
}

function periodAtMinute(model: TravelModel, minute: number): Period {
  if (model.periods.peak.some((s) => inSpan(minute, s))) return 'peak';
  if (model.periods.night.some((s) => inSpan(minute, s))) return 'night';
  return 'day';
}

export function kindFactor(model: TravelModel, kind: UnitKind | undefined, period: Period): number {
  return (kind && model.kindFactors[kind]?.[period]) || 1;
}
