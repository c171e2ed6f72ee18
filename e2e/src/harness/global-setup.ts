// Once per e2e run: the local services (project script) and the seeded template every system copies.
import { buildSystemTemplate } from './databases.ts';
import { servicesUp } from './system.ts';

export default async function setup(): Promise<void> {
  await servicesUp();
  await buildSystemTemplate();
}
