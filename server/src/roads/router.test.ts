import { describe, expect, it } from 'vitest';
import { RIVER_CITY, RIVER_CITY_POINTS as P } from '../../testing/river-city.ts';
import { buildRoadNetwork, metresBetween } from './road-network.ts';
import { RoadRouter } from './router.ts';
import { DEFAULT_TRAVEL_MODEL } from './travel-model.ts';

const router = new RoadRouter(
  buildRoadNetwork(RIVER_CITY.features),
  DEFAULT_TRAVEL_MODEL,
  'Asia/Ho_Chi_Minh',
);
const NOON = new Date('2026-12-07T05:00:00Z'); // 12:00 in Ho Chi Minh City: "day"
const straight = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  metresBetween(a.lon, a.lat, b.lon, b.lat);

describe('road router', () => {
  it('puts a unit across the river behind one on the same bank at the same straight-line distance', () => {
    expect(Math.abs(straight(P.sameBank, P.incident) - straight(P.acrossRiver, P.incident))).toBeLessThan(1);
    const [same, across] = router.travelTimesTo(
      P.incident,
      [{ point: P.sameBank }, { point: P.acrossRiver }],
      NOON,
    );
    expect(same!.estimated).toBe(false);
    expect(across!.estimated).toBe(false);
    expect(same!.seconds).toBeLessThan(across!.seconds);
    // Across goes up to the bridge 3.3 km north and back down: over 6 km for 550 m as the crow flies.
    expect(across!.metres).toBeGreaterThan(6000);
    expect(same!.metres).toBeLessThan(700);
  });

  it('draws the route across the river over the bridge', () => {
    const r = router.route(P.acrossRiver, P.incident, NOON);
    expect(r.estimated).toBe(false);
    expect(r.path[0]).toEqual([P.acrossRiver.lon, P.acrossRiver.lat]);
    expect(r.path.at(-1)).toEqual([P.incident.lon, P.incident.lat]);
    expect(r.path.some(([lon, lat]) => lat === 10.8 && lon === 106.705)).toBe(true);
    expect(r.path.some(([lon, lat]) => lat === 10.8 && lon === 106.69)).toBe(true);
  });

  it('never drives against a one-way street: it goes round the block', () => {
    const withTheFlow = router.route(P.oneWayEntry, P.oneWayExit, NOON);
    const against = router.route(P.oneWayExit, P.oneWayEntry, NOON);
    expect(withTheFlow.metres).toBeLessThan(500);
    // Against the flow: out at the east end, south, west along Bến Tây, north on Vòng Quanh, in at the west end.
    expect(against.metres).toBeGreaterThan(2000);
    expect(against.path.some(([, lat]) => lat === 10.77)).toBe(true);
    expect(withTheFlow.path.every(([, lat]) => lat > 10.779)).toBe(true);
  });

  it('marks times off the network as estimated: straight line times the detour factor at the fallback speed', () => {
    const t = router.travelTime(P.offNetwork, P.incident, NOON);
    expect(t.estimated).toBe(true);
    const m = straight(P.offNetwork, P.incident) * DEFAULT_TRAVEL_MODEL.detourFactor;
    expect(t.metres).toBe(Math.round(m));
    expect(t.seconds).toBe(Math.round(m / (DEFAULT_TRAVEL_MODEL.speedsKmh.secondary.day / 3.6)));
    const r = router.route(P.incident, P.offNetwork, NOON);
    expect(r.estimated).toBe(true);
    expect(r.path).toHaveLength(2);
  });

  it('gives one origin its times to many places in one search, as one by one (hospitals by road)', () => {
    const places = [P.incident, P.acrossRiver, P.sameBank, P.oneWayEntry, P.oneWayExit, P.offNetwork];
    for (const from of [P.sameBank, P.oneWayExit, P.acrossRiver]) {
      const many = router.travelTimesFrom(from, places, NOON, 'ambulance-als');
      expect(many).toEqual(places.map((p) => router.travelTime(from, p, NOON, 'ambulance-als')));
    }
    // Against the one-way street from its exit: round the block, as the single route.
    expect(router.travelTimesFrom(P.oneWayExit, [P.oneWayEntry], NOON)[0]!.metres).toBeGreaterThan(2000);
  });

  it('estimates every time when no network is loaded', () => {
    const none = new RoadRouter(undefined, DEFAULT_TRAVEL_MODEL, 'Asia/Ho_Chi_Minh');
    expect(none.travelTime(P.sameBank, P.incident, NOON).estimated).toBe(true);
  });

  it('is slower in the rush hour and faster at night, and a motorbike beats a fire engine', () => {
    const at = (utcHour: number) => new Date(Date.UTC(2026, 11, 7, utcHour));
    const peak = router.travelTime(P.sameBank, P.incident, at(1)).seconds; // 08:00
    const day = router.travelTime(P.sameBank, P.incident, NOON).seconds;
    const night = router.travelTime(P.sameBank, P.incident, at(17)).seconds; // 00:00
    expect(peak).toBeGreaterThan(day);
    expect(day).toBeGreaterThan(night);
    const bike = router.travelTime(P.sameBank, P.incident, NOON, 'police-motorbike').seconds;
    const engine = router.travelTime(P.sameBank, P.incident, NOON, 'fire-engine').seconds;
    expect(bike).toBeLessThan(engine);
  });
});
