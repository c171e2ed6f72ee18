// `npm run migrate`: bring the configured database to the latest schema. Prints one line; exits 1 on failure.
import { loadConfig } from '../config.ts';
import { databaseUrlProblems, isProduction } from '../production/config-checks.ts';
import { migrate } from './migrate.ts';

try {
  const config = loadConfig();
  if (isProduction(config)) {
    // The roles are created with the passwords in these URLs: refuse the repository's defaults.
    const problems = [
      ...databaseUrlProblems('DATABASE_ADMIN_URL', config.DATABASE_ADMIN_URL),
      ...databaseUrlProblems('DATABASE_URL', config.DATABASE_URL),
      ...databaseUrlProblems('KAMAILIO_DATABASE_URL', config.KAMAILIO_DATABASE_URL),
    ];
    if (problems.length) throw new Error(`refusing to migrate in production: ${problems.join('; ')}`);
  }
  const applied = await migrate(
    config.DATABASE_ADMIN_URL,
    config.DATABASE_URL,
    config.KAMAILIO_DATABASE_URL,
    {
      production: isProduction(config),
    },
  );
  process.stdout.write(
    applied.length ? `migrated: ${applied.join(', ')}\n` : 'database schema is up to date\n',
  );
} catch (err) {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
