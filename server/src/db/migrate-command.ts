// `npm run migrate`: bring the configured database to the latest schema. Prints one line; exits 1 on failure.
import { loadConfig } from '../config.ts';
import { migrate } from './migrate.ts';

try {
  const config = loadConfig();
  const applied = await migrate(config.DATABASE_ADMIN_URL, config.DATABASE_URL, config.KAMAILIO_DATABASE_URL);
  process.stdout.write(
    applied.length ? `migrated: ${applied.join(', ')}\n` : 'database schema is up to date\n',
  );
} catch (err) {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
