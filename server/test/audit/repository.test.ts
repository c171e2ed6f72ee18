import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../src/audit/repository.ts';
import { insertUnits, nearestUnits } from '../../src/units/repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

describe('units repository (PostGIS)', () => {
  it('returns units nearest first by real distance', async () => {
    const benThanh = { lat: 10.7725, lon: 106.698 };
    // 1 km, 300 m and 5 km from Ben Thanh market, inserted out of order.
    await insertUnits(
      tdb.db,
      [
        {
          callsign: 'T-FAR',
          agency: 'fire',
          kind: 'fire-engine',
          capabilities: ['fire-suppression'],
          stationId: null,
          position: { lat: 10.8175, lon: 106.698 },
        },
        {
          callsign: 'T-NEAR',
          agency: 'fire',
          kind: 'fire-engine',
          capabilities: ['fire-suppression'],
          stationId: null,
          position: { lat: 10.7752, lon: 106.698 },
        },
        {
          callsign: 'T-MID',
          agency: 'fire',
          kind: 'fire-engine',
          capabilities: ['fire-suppression'],
          stationId: null,
          position: { lat: 10.7815, lon: 106.698 },
        },
        {
          callsign: 'T-AMB',
          agency: 'ambulance',
          kind: 'ambulance-als',
          capabilities: ['advanced-life-support'],
          stationId: null,
          position: { lat: 10.7726, lon: 106.698 },
        },
      ],
      new Date(),
    );
    const rows = await nearestUnits(tdb.db, benThanh, { agencies: ['fire'], limit: 10 });
    expect(rows.map((r) => r.callsign)).toEqual(['T-NEAR', 'T-MID', 'T-FAR']);
    expect(rows[0]!.distance_m).toBeGreaterThan(250);
    expect(rows[0]!.distance_m).toBeLessThan(350);
  });
});

describe('audit log', () => {
  it('is written and read back in order', async () => {
    await appendAudit(tdb.db, {
      actor: { id: null, name: 'tester' },
      action: 'test.one',
      targetType: 'thing',
      targetId: 'a',
      after: { n: 1 },
    });
    await appendAudit(tdb.db, {
      actor: { id: null, name: 'tester' },
      action: 'test.two',
      targetType: 'thing',
      targetId: 'a',
      before: { n: 1 },
      after: { n: 2 },
    });
    const rows = await listAudit(tdb.db, { targetType: 'thing', targetId: 'a', limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(['test.one', 'test.two']);
    expect(rows[1]!.before).toEqual({ n: 1 });
  });

  it('cannot be updated or deleted by the application role', async () => {
    await expect(sql`UPDATE audit_log SET action = 'forged'`.execute(tdb.db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(tdb.db)).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE audit_log`.execute(tdb.db)).rejects.toThrow(/permission denied/);
  });

  it('cannot be updated or deleted even by the owner role', async () => {
    await expect(sql`UPDATE audit_log SET action = 'forged'`.execute(tdb.adminDb)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(tdb.adminDb)).rejects.toThrow(/append-only/);
    const rows = await listAudit(tdb.db, { targetType: 'thing', limit: 10 });
    expect(rows.every((r) => r.action.startsWith('test.'))).toBe(true);
  });
});
