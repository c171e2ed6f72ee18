// Geocoding against the local gazetteer (no internet): typed address -> points, point -> address, 2025 ward and
// old district. Knows the 2025 ward names, the old names callers still say, real streets and landmarks.
import type { AddressMatch, GeoPoint } from '@hcm112/shared';
import type { MultiPolygon } from 'geojson';
import type { Db } from '../db/database.ts';
import { streetSearchText } from '../geodata/street-rows.ts';
import { AreaIndex } from './area-index.ts';
import { foldForSearch } from './normalize.ts';
import {
  areasStamp,
  districtShapes,
  findByTokens,
  findExact,
  type GazetteerRow,
  namedPlaces,
  houseOnRealStreet,
  nearestEntries,
  streetPoints,
} from './repository.ts';

const KIND_RANK: Record<string, number> = {
  landmark: 0,
  hospital: 1,
  district: 2,
  ward: 3,
  street: 4,
  address: 5,
};
const HOUSE_NUMBER = /^(\d{1,4}[a-z]?(?:\/\d{1,4}[a-z]?)*)\s+(.+)$/;
/** House numbers count from the city centre end of a street (the Bến Thành market). */
const CITY_CENTRE: GeoPoint = { lat: 10.7725, lon: 106.698 };
/** A re-import (another process) is seen within this long. */
const AREAS_RECHECK_MS = 60_000;

export class AddressService {
  private areas?: Promise<AreaIndex>;
  private areasCheckedAt = 0;
  private stamp = '';

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async search(query: string, limit: number): Promise<AddressMatch[]> {
    const folded = foldForSearch(query);
    const house = folded.match(HOUSE_NUMBER);
    if (house) {
      const onStreet = await this.houseOnStreet(house[1]!, house[2]!, query);
      if (onStreet) return [onStreet];
    }
    const tokens = folded.split(' ').filter(Boolean);
    if (tokens.length === 0) return [];
    const rows = [...(await findExact(this.db, folded, 50)), ...(await findByTokens(this.db, tokens, 200))];
    const ranked = rows
      .map((r) => ({ r, score: matchScore(r, folded) }))
      .sort((a, b) => a.score - b.score || a.r.name.localeCompare(b.r.name, 'vi'));
    const seen = new Set<string>();
    const out: AddressMatch[] = [];
    for (const { r } of ranked) {
      if (out.length >= limit) break;
      const match = await this.toMatch(r, r.name);
      const key = `${match.kind}:${match.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(match);
    }
    return out;
  }

  /** The nearest named place to a point, with the ward and old district it lies in. */
  async reverse(point: GeoPoint): Promise<AddressMatch | null> {
    const [near] = await nearestEntries(this.db, point, 1);
    const { district, ward } = await this.areaOf(point);
    const area = ward ?? district;
    if (!near)
      return area
        ? { label: area, kind: ward ? 'ward' : 'district', point, district, ward, distanceM: null }
        : null;
    const label = near.distanceM !== null && near.distanceM > 60 ? `gần ${near.name}` : near.name;
    return {
      label: area ? `${label}, ${area}` : label,
      kind: near.kind,
      point,
      district,
      ward,
      distanceM: near.distanceM,
    };
  }

  async districtOf(point: GeoPoint): Promise<string | null> {
    return (await this.areaOf(point)).district;
  }

  async wardOf(point: GeoPoint): Promise<string | null> {
    return (await this.areaOf(point)).ward;
  }

  /** Whether the point lies in the city (inside a 2025 ward); always true while the city has no ward polygons. */
  async insideCity(point: GeoPoint): Promise<boolean> {
    const index = await this.loadAreas();
    return !index.hasWards || index.wardOf(point) !== null;
  }

  async areaOf(point: GeoPoint): Promise<{ district: string | null; ward: string | null }> {
    const index = await this.loadAreas();
    return { district: index.districtOf(point), ward: index.wardOf(point) };
  }

  private loadAreas(): Promise<AreaIndex> {
    const now = this.now();
    if (this.areas && now - this.areasCheckedAt < AREAS_RECHECK_MS) return this.areas;
    this.areasCheckedAt = now;
    const previous = this.areas;
    this.areas = areasStamp(this.db)
      .then(async (stamp) => {
        if (previous && stamp === this.stamp) return previous;
        this.stamp = stamp;
        const rows = await districtShapes(this.db);
        return new AreaIndex(
          rows.map((r) => ({ name: r.name, kind: r.kind, geometry: r.geometry as MultiPolygon })),
        );
      })
      .catch((err: unknown) => {
        this.areas = undefined;
        throw err;
      });
    return this.areas;
  }

  /** "12 Nguyễn Huệ": on the real street when the city's streets are imported, else along the gazetteer's points. */
  private async houseOnStreet(
    number: string,
    street: string,
    original: string,
  ): Promise<AddressMatch | null> {
    const n = Number.parseInt(number, 10);
    const shown = original.trim().match(/^\S+/)?.[0] ?? number;
    const real = await houseOnRealStreet(this.db, streetSearchText(street), n, CITY_CENTRE);
    if (real) {
      const at: GazetteerRow = {
        kind: 'address',
        name: real.name,
        searchText: street,
        district: null,
        ward: null,
        point: real.point,
        distanceM: null,
      };
      return this.toMatch(at, `${shown} ${real.name}`);
    }
    const [first] = await findByTokens(this.db, street.split(' '), 1);
    if (first?.kind !== 'street') return null;
    const points = await streetPoints(this.db, first.searchText);
    const at = points[Math.min(points.length - 1, Math.floor(n / 100))] ?? first;
    return this.toMatch({ ...at, kind: 'address' }, `${shown} ${first.name}`);
  }

  /** Landmarks and hospitals, by name, for picking a location from a list. */
  async landmarks(limit = 500): Promise<AddressMatch[]> {
    return (await namedPlaces(this.db, limit)).map((r) => ({
      label: (r.ward ?? r.district) ? `${r.name}, ${r.ward ?? r.district}` : r.name,
      kind: r.kind,
      point: r.point,
      district: r.district,
      ward: r.ward,
      distanceM: null,
    }));
  }

  private async toMatch(r: GazetteerRow, label: string): Promise<AddressMatch> {
    const area = await this.areaOf(r.point);
    const district = area.district ?? r.district;
    const ward = area.ward ?? r.ward;
    // The 2025 ward is what the city manages by; the old district only where there are no wards.
    const place = ward ?? district;
    const named = r.kind === 'district' || r.kind === 'ward' || !place;
    return {
      label: named ? label : `${label}, ${place}`,
      kind: r.kind,
      point: r.point,
      district,
      ward,
      distanceM: r.distanceM,
    };
  }
}

function matchScore(r: GazetteerRow, folded: string): number {
  const exact = r.searchText === folded ? 0 : r.searchText.startsWith(folded) ? 10 : 20;
  return exact + (KIND_RANK[r.kind] ?? 9);
}
