// The soak's system: the whole platform as the demo starts it, plus the people and devices of a peak hour:
// call-takers with phone extensions (created through the API), and units whose devices report positions.
import pg from 'pg';
import { callControlLeading } from '../harness/telephony.ts';
import { loginDemo, login } from '../harness/api-client.ts';
import { buildSystemTemplate } from '../harness/databases.ts';
import { type RunningSystem, startSystem } from '../harness/system.ts';

export interface SoakSystem {
  system: RunningSystem;
  callTakers: Array<{ extension: string; token: string }>;
  dispatcherToken: string;
  units: Array<{ id: string; token: string }>;
}

const PASSWORD = 'soak-call-taker-112';

async function createCallTakers(system: RunningSystem, count: number) {
  const admin = await loginDemo(system.url, 'admin');
  const callTakers: SoakSystem['callTakers'] = [];
  for (let i = 0; i < count; i += 1) {
    const extension = String(3000 + i);
    const username = `soak-ct-${extension}`;
    await admin.expectJson(
      'POST',
      '/users',
      {
        username,
        displayName: `Soak ${extension}`,
        role: 'call-taker',
        password: PASSWORD,
        sipExtension: extension,
      },
      201,
    );
    callTakers.push({ extension, token: (await login(system.url, username, PASSWORD)).token });
  }
  return callTakers;
}

/** Copies the seeded units up to `count` and gives every unit a device token the soak knows. */
async function prepareUnits(databaseUrl: string, count: number): Promise<SoakSystem['units']> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO units (callsign, agency, kind, capabilities, station_id, position, position_at)
       SELECT u.callsign || '-S' || g, u.agency, u.kind, u.capabilities, u.station_id, u.position, now()
       FROM (SELECT *, row_number() OVER (ORDER BY callsign) AS r FROM units) u
       CROSS JOIN generate_series(1, ceil($1::numeric / (SELECT count(*) FROM units))::int) g
       ORDER BY g, u.r LIMIT greatest(0, $1 - (SELECT count(*) FROM units))`,
      [count],
    );
    await client.query(
      `UPDATE units SET avl_token_hash = encode(sha256(convert_to('soak-' || callsign, 'UTF8')), 'hex')`,
    );
    const { rows } = await client.query<{ id: string; callsign: string }>(
      'SELECT id, callsign FROM units ORDER BY callsign LIMIT $1',
      [count],
    );
    return rows.map((r) => ({ id: r.id, token: `soak-${r.callsign}` }));
  } finally {
    await client.end();
  }
}

export async function startSoakSystem(options: { callTakers: number; units: number }): Promise<SoakSystem> {
  await buildSystemTemplate();
  const system = await startSystem({
    env: {
      LOG_LEVEL: 'warn',
      FALLBACK_EXTS: '1999',
      KAMAILIO_SHM_MB: '512',
      // Every soak call comes from one number: the per-caller flood limit is not what is measured.
      CALLER_BURST: '100000000',
      CAMERA_HEALTH_INTERVAL_SECONDS: '0',
    },
  });
  try {
    await callControlLeading(system);
    const callTakers = await createCallTakers(system, options.callTakers);
    const units = await prepareUnits(system.database.adminUrl, options.units);
    const dispatcherToken = (await loginDemo(system.url, 'dsp1')).token;
    return { system, callTakers, dispatcherToken, units };
  } catch (err) {
    await system.stop();
    throw err;
  }
}
