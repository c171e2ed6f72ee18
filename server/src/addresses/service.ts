// Geocoding against the local gazetteer (no internet): typed address -> points, point -> address and district.
import type { AddressMatch, GeoPoint } from '@hcm112/shared';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../db/database.ts';
import { foldForSearch } from './normalize.ts';
import {
  districtShapes,
  findByTokens,
  type GazetteerRow,
  namedPlaces,
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

type Shape = Feature<Polygon | MultiPolygon, { name: string }>;

export class AddressService {
  private shapes?: Promise<{ districts: Shape[]; wards: Shape[] }>;

  constructor(private readonly db: Db) {}

  async search(query: string, limit: number): Promise<AddressMatch[]> {
    const folded = foldForSearch(query);
    const house = folded.match(HOUSE_NUMBER);
    if (house) {
      const onStreet = await this.houseOnStreet(house[1]!, house[2]!, query);
      if (onStreet) return [onStreet];
    }
    const tokens = folded.split(' ').filter(Boolean);
    if (tokens.length === 0) return [];
    const rows = await findByTokens(this.db, tokens, 200);
    const seen = new Set<string>();
    const ranked = rows
      .map((r) => ({ r, score: matchScore(r, folded) }))
      .sort((a, b) => a.score - b.score || a.r.name.localeCompare(b.r.name, 'vi'))
      .filter(({ r }) => {
        const key = `${r.kind}:${r.name}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    return Promise.all(ranked.slice(0, limit).map(({ r }) => this.toMatch(r, r.name)));
  }

  /** The nearest named place to a point, with the district and ward it lies in. */
  async reverse(point: GeoPoint): Promise<AddressMatch | null> {
    const [near] = await nearestEntries(this.db, point, 1);
    const { district, ward } = await this.areaOf(point);
    if (!near)
      return district ? { label: district, kind: 'district', point, district, ward, distanceM: null } : null;
    const label = near.distanceM !== null && near.distanceM > 60 ? `gần ${near.name}` : near.name;
    return {
      label: district ? `${label}, ${district}` : label,
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

  private async areaOf(point: GeoPoint): Promise<{ district: string | null; ward: string | null }> {
    const { districts, wards } = await this.loadShapes();
    const pt = turf.point([point.lon, point.lat]);
    const inside = (list: Shape[]) =>
      list.find((s) => turf.booleanPointInPolygon(pt, s))?.properties.name ?? null;
    return { district: inside(districts), ward: inside(wards) };
  }

  private loadShapes() {
    this.shapes ??= districtShapes(this.db).then((rows) => {
      const toShape = (r: (typeof rows)[number]) =>
        turf.feature(r.geometry as MultiPolygon, { name: r.name }) as Shape;
      return {
        districts: rows.filter((r) => r.kind === 'district').map(toShape),
        wards: rows.filter((r) => r.kind === 'ward').map(toShape),
      };
    });
    return this.shapes;
  }

  /** "12 Nguyễn Huệ": a point along the street, further along for higher numbers (a plausible stand-in). */
  private async houseOnStreet(
    number: string,
    street: string,
    original: string,
  ): Promise<AddressMatch | null> {
    const [first] = await findByTokens(this.db, street.split(' '), 1);
    if (first?.kind !== 'street') return null;
    const points = await streetPoints(this.db, first.searchText);
    const n = Number.parseInt(number, 10);
    const at = points[Math.min(points.length - 1, Math.floor(n / 100))] ?? first;
    const label = `${original.trim().match(/^\S+/)?.[0] ?? number} ${first.name}`;
    return this.toMatch({ ...at, kind: 'address' }, label);
  }

  /** Landmarks and hospitals, by name, for picking a location from a list. */
  async landmarks(limit = 500): Promise<AddressMatch[]> {
    return (await namedPlaces(this.db, limit)).map((r) => ({
      label: r.district ? `${r.name}, ${r.district}` : r.name,
      kind: r.kind,
      point: r.point,
      district: r.district,
      ward: r.ward,
      distanceM: null,
    }));
  }

  private async toMatch(r: GazetteerRow, label: string): Promise<AddressMatch> {
    const { district, ward } = await this.areaOf(r.point);
    const d = district ?? r.district;
    return {
      label: d && r.kind !== 'district' ? `${label}, ${d}` : label,
      kind: r.kind,
      point: r.point,
      district: d,
      ward: ward ?? r.ward,
      distanceM: r.distanceM,
    };
  }
}

function matchScore(r: GazetteerRow, folded: string): number {
  const exact = r.searchText === folded ? 0 : r.searchText.startsWith(folded) ? 10 : 20;
  return exact + (KIND_RANK[r.kind] ?? 9);
}
