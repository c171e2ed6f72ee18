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
  it('serves district outlines and street tiles with no tile server by default', async () => {
    const res = await ct.fetch('/api/map/base');
    const body = (await res.json()) as {
      areas: { features: unknown[] };
      streetTiles: { url: string };
      tileUrl: string | null;
    };
    expect(body.areas.features).toHaveLength(22);
    expect(body.tileUrl).toBeNull();
    // The tile of central Saigon at city zoom holds the generated city's main roads.
    const tile = await ct.fetch(body.streetTiles.url.replace('{z}/{x}/{y}', '12/3261/1924'));
    expect(tile.status).toBe(200);
    expect(((await tile.json()) as { roads: unknown[] }).roads.length).toBeGreaterThan(3);
  });

  it('refuses a tile outside the world or the zooms, naming the field, and needs a login', async () => {
    const res = await ct.fetch('/api/map/streets/12/5000/1922');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty('x');
    expect((await ct.fetch('/api/map/streets/3/1/1')).status).toBe(400);
    expect((await fetch(`${stack.server.url}/api/map/streets/12/3261/1924`)).status).toBe(401);
  });

  it('lists stations of the three agencies and needs a login', async () => {
    const res = await ct.fetch('/api/stations');
    const { stations } = (await res.json()) as { stations: Array<{ agency: string }> };
    expect(new Set(stations.map((s) => s.agency))).toEqual(new Set(['fire', 'police', 'ambulance']));
    expect((await fetch(`${stack.server.url}/api/stations`)).status).toBe(401);
  });
});
