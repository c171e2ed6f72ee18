// import:geodata on a small city written by the test (no real data needed): a self-intersecting ward is repaired
// by PostGIS and still places the points in both its lobes, an open ring is closed, streets, hospitals and cameras
// outside every ward are kept and reported by row; calls and cameras carry their 2025 ward in the API.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Call, Camera } from '@hcm112/shared';
import { waitFor } from '@hcm112/telephony/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivalEvent, emitCallEvents } from '../support/call-events.ts';
import { uniqueRedisPrefix } from '../support/databases.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';
import { AT_SEA, IN_SQUARE, LEFT_LOBE, RIGHT_LOBE, writeSmallCity } from '../support/small-city.ts';

const run = promisify(execFile);
const SERVER = resolve(import.meta.dirname, '../..');
const TSX = resolve(SERVER, '../node_modules/.bin/tsx');

describe('import:geodata on broken and out-of-city input', () => {
  const stack = withServer({ city: true });
  const dir = mkdtempSync(join(tmpdir(), 'e112-city-'));
  let output = '';
  let dsp: Client;
  beforeAll(async () => {
    writeSmallCity(dir);
    const { stdout } = await run(TSX, ['src/geodata/import-command.ts'], {
      cwd: SERVER,
      env: {
        ...process.env,
        GEODATA_DIR: dir,
        DATABASE_URL: stack.tdb.url,
        DATABASE_ADMIN_URL: stack.tdb.adminUrl,
        REDIS_PREFIX: uniqueRedisPrefix('geo'),
        LOG_LEVEL: 'silent',
      },
    });
    output = stdout;
    dsp = await stack.loginAs('dispatcher');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('repairs the self-intersecting ward with ST_MakeValid, closes the open ring, and says so', async () => {
    expect(output).toContain(
      'wards: 3 imported (1 open rings closed, 1 self-intersecting polygons repaired)',
    );
    const wards = await sql<{ name: string; valid: boolean; parts: number }>`
      SELECT name, ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts
      FROM districts WHERE kind = 'ward' ORDER BY name`.execute(stack.tdb.adminDb);
    expect(wards.rows).toEqual([
      { name: 'Phường Thử Nơ', valid: true, parts: 2 },
      { name: 'Phường Thử Vuông', valid: true, parts: 1 },
      { name: 'Xã Thử Hở', valid: true, parts: 1 },
    ]);
    // Both lobes of the repaired bow tie still belong to it.
    for (const p of [LEFT_LOBE, RIGHT_LOBE]) {
      const res = await dsp.fetch(`/api/addresses/reverse?lat=${p.lat}&lon=${p.lon}`);
      expect(((await res.json()) as { match: { ward: string } }).match.ward).toBe('Phường Thử Nơ');
    }
  });

  it('reports by row the street, hospital and camera that lie outside every ward, and keeps them', () => {
    expect(output).toMatch(
      /streets: 2 imported \(2 named, \d+ street-and-ward entries for the geocoder\), 1 rows rejected, 1 outside every ward/,
    );
    expect(output).toContain('  row 2 (Lối Đi Bộ): highway=footway is not a street');
    expect(output).toContain('  row 3 (Đường Ngoài Khơi): outside every ward (imported; check its position)');
    expect(output).toMatch(
      /hospitals: 2 imported \(2 created unverified.*\), 0 rows rejected, 1 outside every ward/,
    );
    expect(output).toContain(
      '  row 1 (Bệnh viện Thử Ngoài): outside every ward (imported; check its position)',
    );
    expect(output).not.toContain('(Bệnh viện Thử Trong): outside');
    expect(output).toMatch(/cameras: 2 imported .*, 1 outside every ward/);
    expect(output).toContain('  row 2 (CI-SEA): outside every ward (imported; check its position)');
    expect(output).not.toContain('(CI-IN): outside');
  });

  it('gives each camera its 2025 ward in the API, null for the one at sea, and a new one its ward at once', async () => {
    const { cameras } = (await (await dsp.fetch('/api/cameras')).json()) as { cameras: Camera[] };
    expect(cameras.find((c) => c.code === 'CI-IN')?.ward).toBe('Phường Thử Nơ');
    expect(cameras.find((c) => c.code === 'CI-SEA')?.ward).toBeNull();
    const admin = await stack.loginAs('admin');
    const created = await admin.fetch('/api/cameras', {
      method: 'POST',
      json: {
        code: 'CI-NEW',
        name: 'Thử Vuông',
        point: IN_SQUARE,
        bearingDeg: 90,
        fovDeg: 60,
        rangeM: 150,
        layer: 'low',
        owner: 'transport',
      },
    });
    expect(created.status).toBe(201);
    const { camera } = (await created.json()) as { camera: Camera };
    expect(camera.ward).toBe('Phường Thử Vuông');
    const moved = await admin.fetch(`/api/cameras/${camera.id}`, {
      method: 'PATCH',
      json: { point: { lat: AT_SEA[1], lon: AT_SEA[0] } },
    });
    expect(((await moved.json()) as { camera: Camera }).camera.ward).toBeNull();
  });

  it("gives a call its 2025 ward from the caller's location, and none to a call without one", async () => {
    const at = new Date().toISOString();
    const arrival = (sipCallId: string, callerNumber: string, where: { lat: number; lon: number } | null) =>
      arrivalEvent(sipCallId, callerNumber, {
        at,
        location: where
          ? { point: where, accuracyM: 25, source: 'pidf-lo', shape: null, method: 'GPS', at }
          : null,
      });
    const located = `city-ward-${Date.now()}@test`;
    const unlocated = `city-noward-${Date.now()}@test`;
    await emitCallEvents(stack.server, [
      arrival(located, '0907140001', LEFT_LOBE),
      arrival(unlocated, '0907140002', null),
    ]);
    const supervisor = await stack.loginAs('supervisor');
    const callOf = async (sipCallId: string) => {
      const row = await waitFor(
        () =>
          stack.tdb.db
            .selectFrom('calls')
            .select('id')
            .where('sip_call_id', '=', sipCallId)
            .executeTakeFirst(),
        `call ${sipCallId} recorded`,
      );
      return ((await (await supervisor.fetch(`/api/calls/${row.id}`)).json()) as { call: Call }).call;
    };
    expect(await callOf(located)).toMatchObject({ ward: 'Phường Thử Nơ', location: { point: LEFT_LOBE } });
    expect(await callOf(unlocated)).toMatchObject({ ward: null, location: null });
  });
});
