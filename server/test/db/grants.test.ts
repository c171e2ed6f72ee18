// The application role's rights (granted by `npm run migrate`): it cannot delete the record of calls, incidents
// or the audit trail, nor switch off the audit trigger, and migrations refuse to run as the application role.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { grantAppRole } from '../../src/db/migrate.ts';
import { withDatabase } from '../support/server-stack.ts';

const stack = withDatabase({ city: true });

describe('application role rights', () => {
  it('cannot delete or truncate calls, incidents or the audit log', async () => {
    const app = stack.tdb.db;
    for (const table of ['calls', 'incidents', 'audit_log', 'units', 'users']) {
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(app)).rejects.toThrow(/permission denied/);
      await expect(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(app)).rejects.toThrow(
        /permission denied/,
      );
    }
  });

  it('cannot switch off the audit trigger or alter a table', async () => {
    await expect(
      sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`.execute(stack.tdb.db),
    ).rejects.toThrow(/must be owner/);
    await expect(sql`ALTER TABLE calls DROP COLUMN caller_number`.execute(stack.tdb.db)).rejects.toThrow(
      /must be owner/,
    );
  });

  it('still deletes what it must: sessions', async () => {
    await expect(sql`DELETE FROM sessions WHERE false`.execute(stack.tdb.db)).resolves.toBeDefined();
  });

  it('refuses to grant the application rights to the role that runs migrations', async () => {
    const asOwner = new URL(stack.tdb.adminUrl);
    await expect(grantAppRole(stack.tdb.adminDb, asOwner.toString())).rejects.toThrow(
      /DATABASE_URL and DATABASE_ADMIN_URL must be different roles/,
    );
  });
});
