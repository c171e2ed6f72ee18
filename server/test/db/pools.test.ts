// A slow or blocked HTTP query must not stall call recording: HTTP statements are bounded (503 past
// HTTP_STATEMENT_TIMEOUT_MS) and call events are recorded through a pool of their own even while every HTTP
// connection is stuck.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@hcm112/telephony/testing';
import { arrivalEvent, emitCallEvents } from '../support/call-events.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({ env: { HTTP_STATEMENT_TIMEOUT_MS: '3000' } });

/** Holds an exclusive lock on `table` from another connection until released. */
async function lockTable(table: string) {
  const client = new pg.Client({ connectionString: stack.tdb.adminUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  let released = false;
  return {
    get released() {
      return released;
    },
    async release() {
      if (released) return;
      released = true;
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

describe('database pools', () => {
  it('records a call while every HTTP connection waits on a locked table, and answers those requests 503', async () => {
    const dispatcher = await stack.loginAs('dispatcher');
    const lock = await lockTable('units');
    // Released in any case, so a regression fails the test instead of hanging it.
    const safety = setTimeout(() => void lock.release(), 15_000);
    try {
      const reads = Array.from({ length: 25 }, () => dispatcher.fetch('/api/units'));
      const sipCallId = `pool-${randomUUID()}@test`;
      await emitCallEvents(stack.server, [arrivalEvent(sipCallId, '0901234567')]);
      await waitFor(
        async () =>
          (await stack.tdb.db
            .selectFrom('calls')
            .select('id')
            .where('sip_call_id', '=', sipCallId)
            .executeTakeFirst()) !== undefined,
        'the call recorded',
        20_000,
      );
      expect(lock.released).toBe(false);
      const statuses = (await Promise.all(reads)).map((r) => r.status);
      expect(lock.released).toBe(false);
      expect(new Set(statuses)).toEqual(new Set([503]));
    } finally {
      clearTimeout(safety);
      await lock.release();
    }
  });
});
