// Call-takers in PostgreSQL: the users the ACD distributes calls over.
import type { Kysely } from 'kysely';
import { toUser } from '../auth/repository.ts';
import type { Database } from '../db/schema.ts';

/** Active call-takers, by username, with when their account was made (their state's start before any call). */
export async function listCallTakerUsers(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('role', '=', 'call-taker')
    .where('active', '=', true)
    .orderBy('username')
    .execute();
  return rows.map((r) => ({ user: toUser(r), createdAt: r.created_at }));
}

export async function findCallTakerUser(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { user: toUser(row), createdAt: row.created_at };
}

export async function findUserByExtension(db: Kysely<Database>, extension: string) {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('sip_extension', '=', extension)
    .executeTakeFirst();
  return row && { user: toUser(row), createdAt: row.created_at };
}

export async function callIdsBySipId(
  db: Kysely<Database>,
  sipCallIds: string[],
): Promise<Map<string, string>> {
  if (sipCallIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('calls')
    .select(['id', 'sip_call_id'])
    .where('sip_call_id', 'in', sipCallIds)
    .orderBy('arrived_at')
    .execute();
  // A reused Call-ID: the latest call wins (set last).
  return new Map(rows.map((r) => [r.sip_call_id, r.id]));
}
