// The call-event path's statements run as named prepared statements on the recording pool: parsed once per
// connection, planned once (generic plan), with the same rows as the query builder returns; in a transaction they
// run as any other statement.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, executePrepared } from '../../src/db/database.ts';
import { makeUser } from '../support/server.ts';
import { withDatabase } from '../support/server-stack.ts';

const stack = withDatabase();
let recording: Db;

beforeAll(() => {
  // One connection: the prepared statements seen below are the ones the executions left on it.
  recording = createDb(stack.tdb.url, 1, { genericPlans: true });
});

afterAll(async () => {
  await recording?.destroy();
});

const usersNamed = (db: Db, username: string) =>
  db.selectFrom('users').select(['username', 'role']).where('username', '=', username);

describe('executePrepared', () => {
  it('returns the rows the query builder returns, preparing the statement once and planning it once', async () => {
    const user = await makeUser(stack.tdb.db, 'dispatcher');
    const expected = await usersNamed(recording, user.username).execute();
    expect(expected).toEqual([{ username: user.username, role: 'dispatcher' }]);
    for (let i = 0; i < 7; i++) {
      expect(await executePrepared(recording, usersNamed(recording, user.username))).toEqual(expected);
    }
    expect(await executePrepared(recording, usersNamed(recording, 'nobody-of-that-name'))).toEqual([]);
    const { rows } = await sql<{ name: string; generic_plans: number; custom_plans: number }>`
      SELECT name, generic_plans, custom_plans FROM pg_prepared_statements
      WHERE statement LIKE '%from "users"%'`.execute(recording);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toMatch(/^e112_/);
    expect(rows[0]).toMatchObject({ generic_plans: 8, custom_plans: 0 });
  });

  it('runs as any statement in a transaction, and its errors are PostgreSQL’s own', async () => {
    await recording.transaction().execute(async (trx) => {
      const rows = await executePrepared(
        trx,
        trx.selectFrom('users').select('username').where('username', '=', 'nobody-of-that-name'),
      );
      expect(rows).toEqual([]);
    });
    await expect(
      executePrepared(recording, recording.selectFrom('users').select(sql`1 / 0`.as('x'))),
    ).rejects.toMatchObject({ code: '22012' });
  });
});
