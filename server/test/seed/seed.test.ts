import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCity, hashUnitToken, unitToken } from '../../src/seed/demo-city.ts';
import { DEMO_USERS } from '../../src/seed/demo-users.ts';
import { seedDemoCity } from '../../src/seed/seed-demo-city.ts';
import { nearestUnits } from '../../src/units/repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';

let empty: TestDatabase;
let city: TestDatabase;
beforeAll(async () => {
  [empty, city] = await Promise.all([createTestDatabase(), createTestDatabase({ city: true })]);
});
afterAll(async () => {
  await Promise.all([empty?.drop(), city?.drop()]);
});

describe('demo city generator', () => {
  it('gives the same city for the same seed and another for another seed', () => {
    const a = generateDemoCity(112);
    const b = generateDemoCity(112);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = generateDemoCity(7);
    expect(c.cameras.map((x) => x.bearingDeg)).not.toEqual(a.cameras.map((x) => x.bearingDeg));
  });

  it('has about 150 units over stations of all three agencies, and 1,000 cameras on main roads', () => {
    const c = generateDemoCity();
    expect(c.units.length).toBeGreaterThanOrEqual(140);
    expect(c.units.length).toBeLessThanOrEqual(160);
    expect(new Set(c.stations.map((s) => s.agency))).toEqual(new Set(['fire', 'police', 'ambulance']));
    expect(c.cameras).toHaveLength(1000);
    expect(new Set(c.cameras.map((x) => x.code)).size).toBe(1000);
    for (const cam of c.cameras) {
      expect(cam.fovDeg).toBeGreaterThanOrEqual(60);
      expect(cam.rangeM).toBeLessThanOrEqual(250);
    }
    expect(c.districts).toHaveLength(22);
  });

  it('derives each unit token so its hash matches the stored one', () => {
    const u = generateDemoCity().units[0]!;
    expect(hashUnitToken(unitToken(u.callsign))).toBe(u.avlTokenHash);
  });
});

describe('seed into PostgreSQL', () => {
  it('writes the city and a login for every role, and is idempotent', async () => {
    const first = await seedDemoCity(empty.adminDb);
    expect(first.seeded).toBe(true);
    const again = await seedDemoCity(empty.adminDb);
    expect(again.seeded).toBe(false);
    const counts = await sql<{
      units: number;
      cameras: number;
      stations: number;
      users: number;
      orphans: number;
    }>`
      SELECT (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM cameras)::int AS cameras,
             (SELECT count(*) FROM stations)::int AS stations, (SELECT count(*) FROM users)::int AS users,
             (SELECT count(*) FROM units WHERE station_id IS NULL)::int AS orphans`.execute(empty.db);
    expect(counts.rows[0]).toEqual({
      units: first.counts.units,
      cameras: 1000,
      stations: first.counts.stations,
      users: DEMO_USERS.length,
      orphans: 0,
    });
    const roles = await empty.db.selectFrom('users').select('role').distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'call-taker', 'dispatcher', 'supervisor']);
  });

  it('replaces the city on reset with the same callsigns and positions', async () => {
    const before = await sql<{ callsign: string; lat: number; lon: number }>`
      SELECT callsign, ST_Y(position::geometry) AS lat, ST_X(position::geometry) AS lon FROM units ORDER BY callsign`.execute(
      city.db,
    );
    await seedDemoCity(city.adminDb, { reset: true });
    const after = await sql<{ callsign: string; lat: number; lon: number }>`
      SELECT callsign, ST_Y(position::geometry) AS lat, ST_X(position::geometry) AS lon FROM units ORDER BY callsign`.execute(
      city.db,
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('puts the nearest fire engine to Chợ Bến Thành at the Quận 1 fire station', async () => {
    const [nearest] = await nearestUnits(
      city.db,
      { lat: 10.7725, lon: 106.698 },
      { kinds: ['fire-engine'], statuses: ['available'], limit: 1 },
    );
    expect(nearest?.callsign).toMatch(/^CH-Q1-1-0[12]$/);
  });

  it('fails with one line when the database is unreachable', () => {
    const res = spawnSync('npx', ['tsx', 'src/seed/seed-command.ts'], {
      cwd: new URL('../../', import.meta.url).pathname,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_ADMIN_URL: 'postgres://postgres@127.0.0.1:1/e112' },
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'));
    expect(lines).toEqual([
      'seed failed: cannot reach the database at postgres://postgres@127.0.0.1:1/e112: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });
});
