// `npm run seed [-- --reset] [-- --seed N]`: the demo city and logins into the configured database.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { assertReachable, createDb } from '../db/database.ts';
import { isProduction } from '../production/config-checks.ts';
import { DEMO_ANALYTICS_SOURCE } from './demo-cameras.ts';
import { DEFAULT_SEED } from './demo-city.ts';
import { DEMO_USERS } from './demo-users.ts';
import { seedDemoCity } from './seed-demo-city.ts';

const { values } = parseArgs({
  options: { reset: { type: 'boolean', default: false }, seed: { type: 'string' } },
});
const config = loadConfig();
if (isProduction(config)) {
  // Every demo password, unit token and analytics secret is in the repository: never in a real deployment.
  process.stderr.write('seed refused: the demo seed does not run in production (use npm run bootstrap)\n');
  process.exit(1);
}
const db = createDb(config.DATABASE_ADMIN_URL, 2);
try {
  await assertReachable(db, config.DATABASE_ADMIN_URL);
  const { seeded, counts } = await seedDemoCity(db, {
    reset: values.reset,
    seed: Number(values.seed ?? DEFAULT_SEED),
  });
  process.stdout.write(
    seeded
      ? `seeded demo city: ${counts.districts} districts, ${counts.stations} stations, ${counts.units} units, ${counts.cameras} cameras, ${counts.gazetteer} gazetteer entries\n`
      : 'demo city already present (use --reset to replace it)\n',
  );
  process.stdout.write(
    `demo analytics source: ${DEMO_ANALYTICS_SOURCE.name} secret ${DEMO_ANALYTICS_SOURCE.secret}\n`,
  );
  process.stdout.write('demo logins (username / password / role):\n');
  for (const u of DEMO_USERS)
    process.stdout.write(
      `  ${u.username.padEnd(6)} ${u.password.padEnd(15)} ${u.role}${u.sipExtension ? ` (SIP ${u.sipExtension})` : ''}\n`,
    );
} catch (err) {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
