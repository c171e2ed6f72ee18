// Users and sessions in PostgreSQL.
import type { Role, User } from '@hcm112/shared';
import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../db/schema.ts';

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    sipExtension: row.sip_extension,
    active: row.active,
  };
}

export async function findUserByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserRowById(db: Kysely<Database>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function insertUser(
  db: Kysely<Database>,
  user: {
    username: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    sipExtension: string | null;
  },
): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      sip_extension: user.sipExtension,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function insertSession(
  db: Kysely<Database>,
  tokenHash: string,
  userId: string,
  expiresAt: Date,
  now: Date,
) {
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt, last_seen_at: now })
    .execute();
}

/** The session's user, if the session is neither expired, idle past `idleSince`, nor of a deactivated user. */
export async function findSessionUser(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
  idleSince?: Date,
): Promise<(User & { lastSeenAt: Date }) | undefined> {
  let q = db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.last_seen_at as session_last_seen_at')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true);
  if (idleSince) q = q.where('sessions.last_seen_at', '>', idleSince);
  const row = await q.executeTakeFirst();
  return row && { ...toUser(row), lastSeenAt: row.session_last_seen_at };
}

export async function touchSession(db: Kysely<Database>, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every session of a user but one; returns the ended sessions' token hashes. */
export async function deleteOtherSessionsOfUser(
  db: Kysely<Database>,
  userId: string,
  keepTokenHash: string,
): Promise<string[]> {
  const rows = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('token_hash', '<>', keepTokenHash)
    .returning('token_hash')
    .execute();
  return rows.map((r) => r.token_hash);
}

export async function setUserActive(
  db: Kysely<Database>,
  userId: string,
  active: boolean,
): Promise<User | undefined> {
  const row = await db
    .updateTable('users')
    .set({ active })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  return row && toUser(row);
}

export async function setPasswordHash(db: Kysely<Database>, userId: string, passwordHash: string) {
  const row = await db
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  return row && toUser(row);
}
