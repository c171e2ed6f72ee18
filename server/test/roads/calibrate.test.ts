// Speed calibration from AVL history: units drive the made-up river city (testing/river-city.ts) at known speeds
// on each class of street and period of the day; the calibration must give those speeds back.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { UNIT_KIND_INFO, type UnitKind } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointValue } from '../../src/db/geo.ts';
import { calibrateFromHistory } from '../../src/roads/calibrate-history.ts';
import { buildRoadNetwork } from '../../src/roads/road-network.ts';
import { RoadRouter } from '../../src/roads/router.ts';
import { DEFAULT_TRAVEL_MODEL, loadTravelModel } from '../../src/roads/travel-model.ts';
import { insertUnits } from '../../src/units/repository.ts';
import { RIVER_CITY } from '../../testing/river-city.ts';
import { withDatabase } from '../support/server-stack.ts';

const stack = withDatabase();
const router = new RoadRouter(
  buildRoadNetwork(RIVER_CITY.features),
  DEFAULT_TRAVEL_MODEL,
  'Asia/Ho_Chi_Minh',
);
type Point = { lat: number; lon: number };
const BEN_TAY: [Point, Point] = [
  { lat: 10.77, lon: 106.6855 },
  { lat: 10.77, lon: 106.6985 },
]; // secondary
const BEN_DONG: [Point, Point] = [
  { lat: 10.77, lon: 106.7015 },
  { lat: 10.77, lon: 106.7145 },
]; // secondary
const DUONG_TAY: [Point, Point] = [
  { lat: 10.7605, lon: 106.69 },
  { lat: 10.7995, lon: 106.69 },
]; // residential

/** Fixes every 5 s of a unit going back and forth along a straight street at a steady speed for `minutes`. */
function shuttle(street: [Point, Point], kmh: number, start: string, minutes: number) {
  const [a, b] = street;
  const length = router.straightMetres(a, b);
  const fixes: Array<{ at: Date; point: Point }> = [];
  for (let s = 0; s <= minutes * 60; s += 5) {
    const d = ((kmh / 3.6) * s) % (2 * length);
    const f = (d <= length ? d : 2 * length - d) / length;
    fixes.push({
      at: new Date(Date.parse(start) + s * 1000),
      point: { lat: a.lat + f * (b.lat - a.lat), lon: a.lon + f * (b.lon - a.lon) },
    });
  }
  return fixes;
}

/** A unit parked at its station: fixes every 5 s wandering a couple of metres (GPS noise). */
function parked(at: Point, start: string, minutes: number) {
  return Array.from({ length: (minutes * 60) / 5 }, (_, i) => ({
    at: new Date(Date.parse(start) + i * 5000),
    point: { lat: at.lat + (i % 3) * 0.00001, lon: at.lon + (i % 2) * 0.00001 },
  }));
}

async function unitWithHistory(callsign: string, kind: UnitKind, fixes: Array<{ at: Date; point: Point }>) {
  const info = UNIT_KIND_INFO[kind];
  const [id] = await insertUnits(
    stack.tdb.db,
    [
      {
        callsign,
        agency: info.agency,
        kind,
        capabilities: [...info.capabilities],
        stationId: null,
        position: null,
      },
    ],
    new Date(),
  );
  await stack.tdb.db
    .insertInto('unit_positions')
    .values(
      fixes.map((f) => ({
        unit_id: id!,
        at: f.at,
        point: pointValue(f.point),
        heading: null,
        speed_kmh: null,
      })),
    )
    .execute();
}

// Local times in Ho Chi Minh City (UTC+7): 12:00 is "day", 07:30 "peak", 23:00 "night".
const DAY = '2026-12-01T05:00:00Z';
const PEAK = '2026-12-01T00:30:00Z';
const NIGHT = '2026-12-01T16:00:00Z';

beforeAll(async () => {
  await unitWithHistory('AMB-CAL', 'ambulance-als', [
    ...parked(BEN_TAY[0], '2026-12-01T04:40:00Z', 20),
    ...shuttle(BEN_TAY, 27, DAY, 10),
    ...shuttle(BEN_TAY, 12, PEAK, 10),
    ...shuttle(DUONG_TAY, 18, '2026-12-01T06:00:00Z', 10),
    ...shuttle(DUONG_TAY, 30, NIGHT, 10),
  ]);
  // A fire engine is slower than the emergency car by its factor (0.85 by day): it measures the same street speed.
  await unitWithHistory('FIRE-CAL', 'fire-engine', shuttle(BEN_DONG, 27 * 0.85, DAY, 10));
  // Two minutes of driving: too little to replace the configured speed.
  await unitWithHistory('SHORT-CAL', 'ambulance-bls', shuttle(BEN_DONG, 45, NIGHT, 2));
});

describe('speed calibration from AVL history', () => {
  it('recovers the known speeds by road class and period, leaving classes without enough driving alone', async () => {
    const window = { from: new Date('2026-11-30T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z') };
    const result = await calibrateFromHistory(stack.tdb.db, router, 'Asia/Ho_Chi_Minh', window, new Date());
    const speeds = result.model.speedsKmh;
    expect(speeds.secondary.day).toBeCloseTo(27, 0);
    expect(speeds.secondary.peak).toBeCloseTo(12, 0);
    expect(speeds.residential.day).toBeCloseTo(18, 0);
    expect(speeds.residential.night).toBeCloseTo(30, 0);
    // Not driven long enough at night on a secondary street, not at all at peak on a residential one.
    expect(speeds.secondary.night).toBe(DEFAULT_TRAVEL_MODEL.speedsKmh.secondary.night);
    expect(speeds.residential.peak).toBe(DEFAULT_TRAVEL_MODEL.speedsKmh.residential.peak);
    const shortCell = result.cells.find((c) => c.roadClass === 'secondary' && c.period === 'night')!;
    expect(shortCell.applied).toBe(false);
    // Measured all the same (a little under: the turns at each end of the street are cut short between fixes).
    expect(Math.abs(shortCell.kmh - 45) / 45).toBeLessThan(0.05);
    expect(result.model.calibrated?.from).toBe(window.from.toISOString());
  });

  it('finds nothing outside the window', async () => {
    const result = await calibrateFromHistory(
      stack.tdb.db,
      router,
      'Asia/Ho_Chi_Minh',
      {
        from: new Date('2026-12-05T00:00:00Z'),
        to: new Date('2026-12-06T00:00:00Z'),
      },
      new Date(),
    );
    expect(result.samples).toBe(0);
    expect(result.model.speedsKmh).toEqual(DEFAULT_TRAVEL_MODEL.speedsKmh);
  });
});

describe('calibrate:speeds command', () => {
  it('writes a speeds file the server loads, with the measured speeds', async () => {
    const server = resolve(import.meta.dirname, '../..');
    const network = join(tmpdir(), `e112-river-city-cal-${process.pid}.geojson`);
    const out = join(tmpdir(), `e112-speeds-${process.pid}.json`);
    writeFileSync(network, JSON.stringify(RIVER_CITY));
    const { stdout } = await promisify(execFile)(
      resolve(server, '../node_modules/.bin/tsx'),
      [
        'src/roads/calibrate-command.ts',
        '--out',
        out,
        '--from',
        '2026-11-30T00:00:00Z',
        '--to',
        '2026-12-02T00:00:00Z',
      ],
      {
        cwd: server,
        env: { ...process.env, DATABASE_URL: stack.tdb.url, ROAD_NETWORK_FILE: network, LOG_LEVEL: 'silent' },
      },
    );
    expect(stdout).toMatch(/secondary\s+day\s+240\s+20\.0\s+2[67]\.\d\s+34\s+yes/);
    const model = loadTravelModel(out);
    expect(model.speedsKmh.residential.night).toBeCloseTo(30, 0);
    expect(model.calibrated?.samples).toBeGreaterThan(0);
  });
});
