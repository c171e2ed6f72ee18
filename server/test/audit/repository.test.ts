// The append-only audit log in PostgreSQL: written and read back in order, closed to change by either role.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../src/audit/repository.ts';
import { withDatabase } from '../support/server-stack.ts';

const stack = withDatabase();

describe('audit log', () => {
  it('is written and read back in order', async () => {
    await appendAudit(stack.tdb.db, {
      actor: { id: null, name: 'tester' },
      action: 'test.one',
      targetType: 'thing',
      targetId: 'a',
      after: { n: 1 },
    });
    await appendAudit(stack.tdb.db, {
      actor: { id: null, name: 'tester' },
      action: 'test.two',
      targetType: 'thing',
      targetId: 'a',
      before: { n: 1 },
      after: { n: 2 },
    });
    const rows = await listAudit(stack.tdb.db, { targetType: 'thing', targetId: 'a', limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(['test.one', 'test.two']);
    expect(rows[1]!.before).toEqual({ n: 1 });
  });

  it('cannot be updated or deleted by the application role', async () => {
    await expect(sql`UPDATE audit_log SET action = 'forged'`.execute(stack.tdb.db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(stack.tdb.db)).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE audit_log`.execute(stack.tdb.db)).rejects.toThrow(/permission denied/);
  });

  it('cannot be updated or deleted even by the owner role', async () => {
    await expect(sql`UPDATE audit_log SET action = 'forged'`.execute(stack.tdb.adminDb)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(stack.tdb.adminDb)).rejects.toThrow(/append-only/);
    const rows = await listAudit(stack.tdb.db, { targetType: 'thing', limit: 10 });
    expect(rows.every((r) => r.action.startsWith('test.'))).toBe(true);
  });
});
