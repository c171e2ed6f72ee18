// Address search over the local gazetteer, reverse geocoding, and the offline base map and stations.
import type { AddressMatch } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({ city: true });
let ct: Client;
beforeAll(async () => {
  ct = await stack.loginAs('call-taker');
});

const search = async (q: string) => {
  const res = await ct.fetch(`/api/addresses/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { matches: AddressMatch[] }).matches;
};

describe('address search (local gazetteer)', () => {
  it('finds a landmark typed without diacritics', async () => {
    const [first] = await search('cho ben thanh');
    expect(first?.label).toBe('Chợ Bến Thành, Quận 1');
    expect(first?.kind).toBe('landmark');
  });

  it('puts a house number on its street', async () => {
    const [first] = await search('12 nguyen hue');
    expect(first?.kind).toBe('address');
    expect(first?.label).toBe('12 Nguyễn Huệ, Quận 1');
  });

  it('refuses an empty query naming the field', async () => {
    const res = await ct.fetch('/api/addresses/search?q=');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty('q');
  });
});

describe('reverse geocoding', () => {
  it('names the district a point lies in and the nearest place', async () => {
    const res = await ct.fetch('/api/addresses/reverse?lat=10.7726&lon=106.6981');
    const { match } = (await res.json()) as { match: AddressMatch };
    expect(match.district).toBe('Quận 1');
    expect(match.label).toBe('Chợ Bến Thành, Quận 1');
  });

  it('finds Gò Vấp for a point in Gò Vấp', async () => {
    const res = await ct.fetch('/api/addresses/reverse?lat=10.8387&lon=106.6653');
    expect(((await res.json()) as { match: AddressMatch }).match.district).toBe('Quận Gò Vấp');
  });
});

describe('base map and stations', () => {
  it('serves district outlines and roads as GeoJSON with no tile server by default', async () => {
    const res = await ct.fetch('/api/map/base');
    const body = (await res.json()) as {
      districts: { features: unknown[] };
      roads: { features: unknown[] };
      tileUrl: string | null;
    };
    expect(body.districts.features).toHaveLength(22);
    expect(body.roads.features.length).toBeGreaterThan(20);
    expect(body.tileUrl).toBeNull();
  });

  it('lists stations of the three agencies and needs a login', async () => {
    const res = await ct.fetch('/api/stations');
    const { stations } = (await res.json()) as { stations: Array<{ agency: string }> };
    expect(new Set(stations.map((s) => s.agency))).toEqual(new Set(['fire', 'police', 'ambulance']));
    expect((await fetch(`${stack.server.url}/api/stations`)).status).toBe(401);
  });
});
