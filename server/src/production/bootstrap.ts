// A deployment's first secrets, drawn at random: the first admin, an AVL token for every unit that has none or
// the demo one, and a secret for each analytics source. Each is shown once (in a 0600 file), stored as before.
import { randomBytes } from 'node:crypto';
import { appendAudit, SYSTEM_ACTOR } from '../audit/repository.ts';
import { hashPassword } from '../auth/passwords.ts';
import { insertUser } from '../auth/repository.ts';
import type { Db } from '../db/database.ts';
import { DEMO_ANALYTICS_SOURCE } from '../seed/demo-cameras.ts';
import { hashUnitToken, unitToken } from '../seed/demo-city.ts';
import { insertUnits } from '../units/repository.ts';
import type { FleetRow } from './fleet-file.ts';

export const MIN_ADMIN_PASSWORD = 12;

export interface BootstrapRequest {
  admin?: { username: string; displayName: string; password: string };
  /** Analytics sources to create, or whose secret to replace. */
  analyticsSources: readonly string[];
  /** Units to create (from the fleet file); a callsign already present is left as it is. */
  units?: readonly FleetRow[];
}

export interface BootstrapResult {
  /** The admin made, or null when one already existed. */
  admin: string | null;
  unitTokens: { callsign: string; token: string }[];
  analyticsSecrets: { name: string; secret: string }[];
}

const randomSecret = () => randomBytes(32).toString('base64url');

export function adminPasswordProblem(username: string, password: string): string | null {
  if (password.length < MIN_ADMIN_PASSWORD)
    return `the password must have at least ${MIN_ADMIN_PASSWORD} characters`;
  if (password.toLowerCase().includes(username.toLowerCase()))
    return 'the password must not contain the username';
  return null;
}

async function createFirstAdmin(
  db: Db,
  admin: NonNullable<BootstrapRequest['admin']>,
): Promise<string | null> {
  const problem = adminPasswordProblem(admin.username, admin.password);
  if (problem) throw new Error(problem);
  const existing = await db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).execute();
  if (existing.length) return null;
  const passwordHash = await hashPassword(admin.password);
  const user = await insertUser(db, { ...admin, role: 'admin', passwordHash, sipExtension: null });
  await appendAudit(db, {
    actor: SYSTEM_ACTOR,
    action: 'user.bootstrap-admin',
    targetType: 'user',
    targetId: user.id,
    after: { username: user.username, role: user.role },
  });
  return user.username;
}

/** Creates the fleet's units that are not there yet, without a token: issueUnitTokens gives each one. */
async function createUnits(db: Db, units: readonly FleetRow[]): Promise<void> {
  const existing = new Set(
    (await db.selectFrom('units').select('callsign').execute()).map((u) => u.callsign),
  );
  const fresh = units.filter((u) => !existing.has(u.callsign));
  if (fresh.length === 0) return;
  const stations = await db.selectFrom('stations').select(['id', 'code']).execute();
  const stationId = (code: string | null) => {
    if (code === null) return null;
    const station = stations.find((s) => s.code === code);
    if (!station)
      throw new Error(`unknown station ${code} (unit ${fresh.find((u) => u.station === code)?.callsign})`);
    return station.id;
  };
  const rows = fresh.map((u) => ({ ...u, stationId: stationId(u.station), position: null }));
  await insertUnits(db, rows, new Date());
  await appendAudit(db, {
    actor: SYSTEM_ACTOR,
    action: 'unit.bootstrap-create',
    targetType: 'unit',
    after: { callsigns: rows.map((u) => u.callsign) },
  });
}

/** Units without a token, or with the one derived from repository constants, get a random token. */
async function issueUnitTokens(db: Db): Promise<BootstrapResult['unitTokens']> {
  const units = await db.selectFrom('units').select(['id', 'callsign', 'avl_token_hash']).execute();
  const issued: BootstrapResult['unitTokens'] = [];
  for (const unit of units) {
    if (unit.avl_token_hash && unit.avl_token_hash !== hashUnitToken(unitToken(unit.callsign))) continue;
    const token = randomSecret();
    await db
      .updateTable('units')
      .set({ avl_token_hash: hashUnitToken(token) })
      .where('id', '=', unit.id)
      .execute();
    issued.push({ callsign: unit.callsign, token });
  }
  if (issued.length)
    await appendAudit(db, {
      actor: SYSTEM_ACTOR,
      action: 'unit.bootstrap-avl-tokens',
      targetType: 'unit',
      after: { callsigns: issued.map((u) => u.callsign) },
    });
  return issued;
}

/** The named sources, and any holding the demo secret, get a random secret (created when missing). */
async function issueAnalyticsSecrets(
  db: Db,
  names: readonly string[],
): Promise<BootstrapResult['analyticsSecrets']> {
  const demo = await db
    .selectFrom('alert_sources')
    .select('name')
    .where('secret', '=', DEMO_ANALYTICS_SOURCE.secret)
    .execute();
  const all = [...new Set([...names, ...demo.map((d) => d.name)])];
  const issued: BootstrapResult['analyticsSecrets'] = [];
  for (const name of all) {
    const secret = randomSecret();
    await db
      .insertInto('alert_sources')
      .values({ name, secret })
      .onConflict((oc) => oc.column('name').doUpdateSet({ secret }))
      .execute();
    issued.push({ name, secret });
  }
  if (issued.length)
    await appendAudit(db, {
      actor: SYSTEM_ACTOR,
      action: 'alert-source.bootstrap-secrets',
      targetType: 'alert-source',
      after: { names: all },
    });
  return issued;
}

/**
 * One transaction: `keep` receives the new secrets before it commits, so either they are stored and kept (written
 * to the operator's file) or neither happens, and no unit is left with a token nobody has.
 */
export async function bootstrap(
  db: Db,
  request: BootstrapRequest,
  keep: (result: BootstrapResult) => void,
): Promise<BootstrapResult> {
  return db.transaction().execute(async (tx) => {
    const admin = request.admin ? await createFirstAdmin(tx, request.admin) : null;
    if (request.units) await createUnits(tx, request.units);
    const unitTokens = await issueUnitTokens(tx);
    const analyticsSecrets = await issueAnalyticsSecrets(tx, request.analyticsSources);
    const result = { admin, unitTokens, analyticsSecrets };
    keep(result);
    return result;
  });
}

/** The secrets file: one line per secret, for the operator to hand to each device, then delete. */
export function secretsFileText(result: BootstrapResult): string {
  return [
    ...result.unitTokens.map((u) => `unit ${u.callsign} ${u.token}`),
    ...result.analyticsSecrets.map((s) => `analytics-source ${s.name} ${s.secret}`),
    '',
  ].join('\n');
}
