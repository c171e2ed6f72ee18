// The real city from GEODATA_DIR: the 2025 wards place everything, the geocoder knows new and old names, real
// streets and landmarks, and hospitals come in unverified. Skipped, saying why, only when the folder is absent.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { AddressMatch, Hospital, Incident } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { uniqueRedisPrefix } from '../support/databases.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const run = promisify(execFile);
const SERVER = resolve(import.meta.dirname, '../..');
const TSX = resolve(SERVER, '../node_modules/.bin/tsx');
const DATA = loadConfig().GEODATA_DIR;
const present = existsSync(join(DATA, 'hcmc_wards_2025.geojson'));
if (!present) console.warn(`real-city tests skipped: no real geodata at ${DATA} (set GEODATA_DIR)`);

describe.skipIf(!present)('the real city (import:geodata on the data folder)', () => {
  const stack = withServer({ city: true });
  let ct: Client;
  let output = '';
  beforeAll(async () => {
    const { stdout } = await run(TSX, ['src/geodata/import-command.ts'], {
      cwd: SERVER,
      env: {
        ...process.env,
        DATABASE_URL: stack.tdb.url,
        DATABASE_ADMIN_URL: stack.tdb.adminUrl,
        REDIS_PREFIX: uniqueRedisPrefix('geo'),
        LOG_LEVEL: 'silent',
      },
      maxBuffer: 4 * 1024 * 1024,
    });
    output = stdout;
    ct = await stack.loginAs('call-taker');
  }, 180_000);

  const search = async (q: string) => {
    const res = await ct.fetch(`/api/addresses/search?q=${encodeURIComponent(q)}&limit=20`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { matches: AddressMatch[] }).matches;
  };

  it('imports the 168 wards closing the 8 open rings, the streets and the hospitals, and says so', () => {
    expect(output).toContain('wards: 168 imported (8 open rings closed');
    expect(output).toContain('0 rows rejected; 22 pre-2025 districts');
    expect(output).toMatch(/streets: 18618 imported \(\d+ named/);
    expect(output).toMatch(/hospitals: 163 imported \(163 created unverified/);
  });

  it('places the Bến Thành market in Phường Bến Thành and the Opera House in Phường Sài Gòn', async () => {
    const [market] = await search('chợ bến thành');
    expect(market).toMatchObject({
      kind: 'landmark',
      ward: 'Phường Bến Thành',
      label: 'Chợ Bến Thành, Phường Bến Thành',
    });
    const [opera] = await search('Nhà hát Thành phố');
    expect(opera).toMatchObject({ kind: 'landmark', ward: 'Phường Sài Gòn' });
  });

  it('finds the ward an old ward name merged into', async () => {
    const [first] = await search('Phường 7 Quận 5');
    expect(first).toMatchObject({ kind: 'ward', ward: 'Phường An Đông' });
    expect(first!.label).toContain('Phường 7, Quận 5');
    const [benNghe] = await search('phuong ben nghe');
    expect(benNghe?.ward).toBe('Phường Sài Gòn');
  });

  it('finds the 2025 wards of an old district', async () => {
    const matches = await search('Quận 1');
    expect(matches[0]).toMatchObject({ kind: 'district', label: 'Quận 1' });
    const wards = matches.filter((m) => m.kind === 'ward').map((m) => m.ward);
    expect(wards).toEqual(
      expect.arrayContaining([
        'Phường Sài Gòn',
        'Phường Bến Thành',
        'Phường Tân Định',
        'Phường Cầu Ông Lãnh',
      ]),
    );
    expect(wards).not.toContain('Phường An Đông');
  });

  it('puts a house number on the real street, in its ward', async () => {
    const [first] = await search('12 Nguyễn Huệ');
    expect(first).toMatchObject({ kind: 'address', ward: 'Phường Sài Gòn' });
    expect(first!.label).toBe('12 Nguyễn Huệ, Phường Sài Gòn');
  });

  it('gives an incident, its camera list and the stations their 2025 ward', async () => {
    const dsp = await stack.loginAs('dispatcher');
    const res = await dsp.fetch('/api/incidents', {
      method: 'POST',
      json: {
        type: 'medical',
        subtype: 'stroke',
        location: { point: { lat: 10.7725, lon: 106.698 }, address: 'Chợ Bến Thành' },
      },
    });
    expect(res.status).toBe(201);
    const { incident } = (await res.json()) as { incident: Incident };
    expect(incident.location.ward).toBe('Phường Bến Thành');
    const unplaced = await stack.tdb.db
      .selectFrom('stations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('ward', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(unplaced.n)).toBe(0);
    const stats = (await (await dsp.fetch('/api/stats/wards')).json()) as {
      wards: Array<{ ward: string; openIncidents: number }>;
    };
    expect(stats.wards).toContainEqual(
      expect.objectContaining({ ward: 'Phường Bến Thành', openIncidents: 1 }),
    );
  });

  it('accepts an incident outside every ward, with no ward to show the warning', async () => {
    const dsp = await stack.loginAs('dispatcher');
    const res = await dsp.fetch('/api/incidents', {
      method: 'POST',
      json: {
        type: 'rescue',
        subtype: 'water-rescue',
        location: { point: { lat: 10.2, lon: 107.5 }, address: 'Biển Đông' },
      },
    });
    expect(res.status).toBe(201);
    const { incident } = (await res.json()) as { incident: Incident };
    expect(incident.location).toMatchObject({ ward: null, district: null });
  });

  it('lists the hospitals unverified, lets a supervisor confirm one (audited) and chooses destinations by need', async () => {
    const sup = await stack.loginAs('supervisor');
    const { hospitals } = (await (await sup.fetch('/api/hospitals')).json()) as { hospitals: Hospital[] };
    expect(hospitals).toHaveLength(163);
    expect(hospitals.every((h) => !h.verified)).toBe(true);
    const choRay = hospitals.find((h) => h.name === 'Bệnh viện Chợ Rẫy')!;
    const res = await sup.fetch(`/api/hospitals/${choRay.id}`, {
      method: 'PATCH',
      json: {
        verified: true,
        capabilities: ['emergency', 'trauma', 'burns', 'stroke'],
        version: choRay.version,
      },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { hospital: Hospital }).hospital).toMatchObject({
      verified: true,
      diverting: false,
    });
    const stale = await sup.fetch(`/api/hospitals/${choRay.id}`, {
      method: 'PATCH',
      json: { diverting: true, version: choRay.version },
    });
    expect(stale.status).toBe(409);
    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('target_id', '=', choRay.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['hospital.update']);
    const refused = await ct.fetch(`/api/hospitals/${choRay.id}`, {
      method: 'PATCH',
      json: { diverting: true, version: 1 },
    });
    expect(refused.status).toBe(403);

    // A stroke next to Chợ Rẫy goes there; once it diverts, somewhere else that treats strokes.
    const dsp = await stack.loginAs('dispatcher');
    const created = await dsp.fetch('/api/incidents', {
      method: 'POST',
      json: {
        type: 'medical',
        subtype: 'stroke',
        location: { point: choRay.point, address: 'Nguyễn Chí Thanh' },
      },
    });
    const { incident } = (await created.json()) as { incident: Incident };
    const destination = async () =>
      (
        (await (await dsp.fetch(`/api/hospitals/destination?incidentId=${incident.id}`)).json()) as {
          destination: { hospital: Hospital; need: string; matched: string };
        }
      ).destination;
    expect(await destination()).toMatchObject({
      hospital: { name: 'Bệnh viện Chợ Rẫy' },
      need: 'stroke',
      matched: 'stroke',
    });
    const current = (await (await sup.fetch('/api/hospitals')).json()) as { hospitals: Hospital[] };
    const version = current.hospitals.find((h) => h.id === choRay.id)!.version;
    const diverting = await sup.fetch(`/api/hospitals/${choRay.id}`, {
      method: 'PATCH',
      json: { diverting: true, version },
    });
    expect(diverting.status).toBe(200);
    const elsewhere = await destination();
    expect(elsewhere.hospital.name).not.toBe('Bệnh viện Chợ Rẫy');
    expect(elsewhere.hospital.capabilities).toContain(elsewhere.matched);
  });

  it('serves the wards as outlines and the real streets by tile: arterials at city zoom, every named street close in', async () => {
    const base = (await (await ct.fetch('/api/map/base')).json()) as {
      areas: { features: Array<{ properties: { name: string } }> };
    };
    expect(base.areas.features).toHaveLength(168);
    const city = (await (await ct.fetch('/api/map/streets/12/3261/1924')).json()) as {
      roads: Array<[string, unknown]>;
      labels: unknown[];
    };
    expect(new Set(city.roads.map((r) => r[0]))).toEqual(new Set(['highway', 'arterial']));
    // Streets shorter than a pixel are left out, never sent without coordinates (the console could not draw the tile).
    expect(city.roads.every((r) => Array.isArray(r[1]) && (r[1] as unknown[]).length >= 2)).toBe(true);
    expect(city.labels).toEqual([]);
    const street = (await (await ct.fetch('/api/map/streets/16/52191/30795')).json()) as {
      roads: Array<[string, unknown]>;
      labels: Array<[string, number, number, number]>;
    };
    expect(street.roads.some((r) => r[0] === 'local')).toBe(true);
    expect(street.labels.map((l) => l[0])).toEqual(expect.arrayContaining(['Calmette', 'Lê Anh Xuân']));
  });
});
