// The import command for the real HCMC traffic cameras (GEODATA_DIR) into a database with the demo city.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Camera, Incident, SurfacedCamera } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { uniqueRedisPrefix } from '../support/databases.ts';
import type { Client } from '../support/server.ts';
import { withCameraStack } from '../support/camera-stack.ts';

const run = promisify(execFile);
const SERVER = resolve(import.meta.dirname, '../..');
const TSX = resolve(SERVER, '../node_modules/.bin/tsx');
const REAL_FILE = join(loadConfig().GEODATA_DIR, 'hcmc_traffic_cameras_2025.geojson');

const present = existsSync(REAL_FILE);
if (!present) console.warn(`camera import tests skipped: no real geodata at ${REAL_FILE} (set GEODATA_DIR)`);

describe.skipIf(!present)('import:geodata, camera part, on the real HCMC camera list', () => {
  const stack = withCameraStack({ city: true });
  let dsp: Client;
  beforeAll(async () => {
    dsp = await stack.loginAs('dispatcher');
  });

  async function importGeodata(): Promise<string> {
    const { stdout } = await run(TSX, ['src/geodata/import-command.ts'], {
      cwd: SERVER,
      env: {
        ...process.env,
        DATABASE_URL: stack.tdb.url,
        DATABASE_ADMIN_URL: stack.tdb.adminUrl,
        REDIS_PREFIX: uniqueRedisPrefix('geo'),
        LOG_LEVEL: 'silent',
      },
    });
    return stdout;
  }

  interface RealFeature {
    properties: { code: string; ptz: boolean };
    geometry: { coordinates: [number, number] };
  }

  describe('cameras', () => {
    it('imports the 697 good cameras, rejects the 20 without a code and the 4 repeated codes, and is idempotent', async () => {
      const first = await importGeodata();
      expect(first).toContain(
        'cameras: 697 imported (697 created, 0 updated, 0 unchanged), 24 rows rejected',
      );
      expect(first).toMatch(/row \d+ \(TTH 29\.4\): code: duplicate of row \d+/);
      const again = await importGeodata();
      expect(again).toContain(
        'cameras: 697 imported (0 created, 0 updated, 697 unchanged), 24 rows rejected',
      );
      const n = await stack.tdb.db
        .selectFrom('cameras')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('code', 'like', 'TTH%')
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBeGreaterThan(600);
    });

    it('gives cameras without a bearing an all-round view, and surfaces a real camera at a real corner', async () => {
      const features = (JSON.parse(readFileSync(REAL_FILE, 'utf8')) as { features: RealFeature[] }).features;
      const real = features.find((f) => f.properties.code === 'TTH 374')!;
      const { cameras } = (await (await dsp.fetch('/api/cameras?bbox=106.68,10.76,106.70,10.78')).json()) as {
        cameras: Camera[];
      };
      const cam = cameras.find((c) => c.code === 'TTH 374')!;
      expect(cam).toMatchObject({ ptz: real.properties.ptz, fovDeg: 360, bearingDeg: 0, layer: 'mid' });
      expect(cam.district).not.toBeNull();
      // The import placed it in its 2025 ward (the ward_at trigger on the imported polygons).
      expect(cam.ward).toBe('Phường Bến Thành');

      const [lon, lat] = real.geometry.coordinates;
      const point = { lat: lat + 50 / 110_600, lon }; // 50 m north of the camera
      const res = await dsp.fetch('/api/incidents', {
        method: 'POST',
        json: {
          type: 'traffic',
          subtype: 'motorbike-crash',
          location: { point, address: 'CMT8 - Bùi Thị Xuân' },
        },
      });
      const { incident } = (await res.json()) as { incident: Incident };
      const list = (await (await dsp.fetch(`/api/incidents/${incident.id}/cameras`)).json()) as {
        cameras: SurfacedCamera[];
      };
      const seen = list.cameras.find((c) => c.code === 'TTH 374');
      expect(seen).toMatchObject({ inCone: true });
      expect(seen!.distanceM).toBeGreaterThan(45);
      expect(seen!.distanceM).toBeLessThan(55);
    });
  });
});
