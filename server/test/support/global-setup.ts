// Once per test run: make sure the local services run (project script), then build the template database.
import { execFileSync } from 'node:child_process';
import { buildTemplate } from './databases.ts';

export default async function setup(): Promise<void> {
  execFileSync('bash', [new URL('../../../infra/services.sh', import.meta.url).pathname, 'up'], {
    stdio: 'inherit',
  });
  await buildTemplate();
}
