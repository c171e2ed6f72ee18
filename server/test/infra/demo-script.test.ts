// infra/demo.sh keeps the demo's secrets to its own user: the seed output (every demo password), the SIP secret and
// the logs are in a 0700 folder as 0600 files, even when an older demo left them world-readable. Its data step
// imports the real city when the data folder is there and keeps the generated city when it is not.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, uniqueRedisPrefix } from '../support/databases.ts';
import { writeSmallCity } from '../support/small-city.ts';

const SCRIPT = new URL('../../../infra/demo.sh', import.meta.url).pathname;
const parent = mkdtempSync(join(tmpdir(), 'e112-demo-'));
const runDir = join(parent, 'demo');

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('infra/demo.sh', () => {
  it('closes the demo folder and its files to other users', () => {
    chmodSync(parent, 0o755);
    mkdirSync(runDir, { mode: 0o755 });
    chmodSync(runDir, 0o755);
    const seed = join(runDir, 'seed.txt');
    writeFileSync(seed, 'admin demo-admin-112 admin\n', { mode: 0o644 });
    writeFileSync(join(runDir, 'server.log'), '{}\n', { mode: 0o644 });
    // Before: another user reads every demo password.
    expect(spawnSync('runuser', ['-u', 'nobody', '--', 'cat', seed]).status).toBe(0);

    execFileSync('bash', [SCRIPT, 'status'], {
      env: { ...process.env, E112_DEMO_DIR: runDir },
      encoding: 'utf8',
    });

    expect(statSync(runDir).mode & 0o777).toBe(0o700);
    expect(statSync(seed).mode & 0o777).toBe(0o600);
    expect(statSync(join(runDir, 'server.log')).mode & 0o777).toBe(0o600);
    const attempt = spawnSync('runuser', ['-u', 'nobody', '--', 'cat', seed], { encoding: 'utf8' });
    expect(attempt.status).not.toBe(0);
    expect(attempt.stderr).toContain('Permission denied');
  });
});

describe('infra/demo.sh data', () => {
  const run = promisify(execFile);

  /**
   * The demo's data step on a fresh database, with GEODATA_DIR at `geodata` (unset: the demo's default, the data
   * folder beside the checkout): its output and the areas it left.
   */
  async function loadData(geodata: string | undefined) {
    const tdb = await createTestDatabase();
    const { GEODATA_DIR: _, ...inherited } = process.env;
    try {
      const { stdout } = await run('bash', [SCRIPT, 'data'], {
        env: {
          ...inherited,
          ...(geodata !== undefined && { GEODATA_DIR: geodata }),
          E112_DEMO_DIR: join(parent, `data-${tdb.name}`),
          DATABASE_URL: tdb.url,
          DATABASE_ADMIN_URL: tdb.adminUrl,
          KAMAILIO_DATABASE_URL: tdb.kamailioUrl,
          REDIS_PREFIX: uniqueRedisPrefix('demo'),
          LOG_LEVEL: 'silent',
        },
        maxBuffer: 4 * 1024 * 1024,
      });
      const areas = await sql<{ kind: string; n: number }>`
        SELECT kind, count(*)::int AS n FROM districts GROUP BY kind ORDER BY kind`.execute(tdb.adminDb);
      const units = await sql<{ n: number }>`SELECT count(*)::int AS n FROM units`.execute(tdb.adminDb);
      return { stdout, areas: areas.rows, units: units.rows[0]!.n };
    } finally {
      await tdb.drop();
    }
  }

  it('imports the city in the data folder over the demo city and prints what it imported', async () => {
    const geodata = mkdtempSync(join(parent, 'geodata-'));
    writeSmallCity(geodata);
    const { stdout, areas, units } = await loadData(geodata);
    expect(stdout).toContain('demo logins (username / password / role):');
    expect(stdout).toContain(`[demo] importing the real city from ${geodata}`);
    expect(stdout).toContain('wards: 3 imported');
    expect(stdout).toMatch(/streets: 2 imported/);
    expect(stdout).toMatch(/hospitals: 2 imported/);
    expect(stdout).toMatch(/cameras: 2 imported/);
    // The folder's wards replaced the generated districts; the demo's units stay.
    expect(areas).toEqual([{ kind: 'ward', n: 3 }]);
    expect(units).toBeGreaterThan(0);
  }, 180_000);

  it('keeps the generated city when the folder has no data, and says so', async () => {
    const empty = mkdtempSync(join(parent, 'empty-'));
    const { stdout, areas } = await loadData(empty);
    expect(stdout).toContain(`[demo] no real geodata at ${empty}: the generated city is used`);
    expect(stdout).not.toContain('wards:');
    expect(areas).toEqual([{ kind: 'district', n: 22 }]);
  }, 180_000);

  // The real folder beside the checkout, found by the demo without any setting.
  const besideCheckout = new URL('../../../../shared/data', import.meta.url).pathname;
  it.skipIf(!existsSync(join(besideCheckout, 'hcmc_wards_2025.geojson')))(
    'imports the real data folder beside the checkout when GEODATA_DIR is not set',
    async () => {
      const { stdout, areas } = await loadData(undefined);
      expect(stdout).toMatch(/\[demo\] importing the real city from .*\/\.\.\/shared\/data\n/);
      expect(stdout).toContain('wards: 168 imported (8 open rings closed');
      expect(stdout).toMatch(/streets: 18618 imported/);
      expect(stdout).toMatch(/hospitals: 163 imported/);
      expect(stdout).toMatch(/cameras: 697 imported/);
      expect(areas).toEqual([
        { kind: 'district', n: 22 },
        { kind: 'ward', n: 168 },
      ]);
    },
    300_000,
  );
});
