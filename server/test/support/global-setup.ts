// Once per test run: make sure the local services run (project script), then build the template databases.
import { execFileSync } from 'node:child_process';
import { createDb } from '../../src/db/database.ts';
import { seedDemoCity } from '../../src/seed/seed-demo-city.ts';
import { buildTemplate, CITY_TEMPLATE_DB, TEMPLATE_DB } from './databases.ts';

export async function seedTemplate(adminUrl: string): Promise<void> {
  const db = createDb(adminUrl, 2);
  try {
    await seedDemoCity(db, { now: new Date('2026-01-01T00:00:00Z') });
  } finally {
    await db.destroy();
  }
}

export default async function setup(): Promise<void> {
  execFileSync('bash', [new URL('../../../infra/services.sh', import.meta.url).pathname, 'up'], {
    stdio: 'inherit',
  });
  await buildTemplate(TEMPLATE_DB);
  await buildTemplate(CITY_TEMPLATE_DB, seedTemplate);
}
