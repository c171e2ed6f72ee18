// Wall displays: a supervisor or admin turns the browser of a wall screen into a read-only display of the
// wallboard. The display holds a random token in an HttpOnly cookie scoped to the wallboard's read route; only
// its hash is stored; it expires after at most 30 days, can be revoked at once, and each use records the
// address it came from so a credential copied elsewhere shows up in the list. Creating and revoking are audited.
import { randomBytes } from 'node:crypto';
import type { CreateDisplayRequest, WallDisplay } from '@hcm112/shared';
import type { Kysely, Selectable } from 'kysely';
import { appendAudit, type Actor } from '../audit/repository.ts';
import { hashToken } from '../auth/service.ts';
import type { Database, WallboardDisplaysTable } from '../db/schema.ts';
import { Conflict, NotFound } from '../errors.ts';

export const DISPLAY_COOKIE = 'e112_display';
/** The only path the display cookie is sent to. */
export const DISPLAY_COOKIE_PATH = '/api/wallboard/tv';
/** Last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

type Row = Selectable<WallboardDisplaysTable> & { created_by_name: string; revoked_by_name: string | null };

function toDisplay(r: Row): WallDisplay {
  return {
    id: r.id,
    name: r.name,
    createdBy: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
    revokedBy: r.revoked_by_name,
    lastSeenAt: r.last_seen_at ? r.last_seen_at.toISOString() : null,
    lastIp: r.last_ip,
  };
}

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('wallboard_displays as d')
    .innerJoin('users as c', 'c.id', 'd.created_by')
    .leftJoin('users as r', 'r.id', 'd.revoked_by')
    .selectAll('d')
    .select(['c.username as created_by_name', 'r.username as revoked_by_name']);
}

export async function createDisplay(
  db: Kysely<Database>,
  input: CreateDisplayRequest,
  actor: Actor & { id: string },
  now: Date,
  requestId?: string,
): Promise<{ token: string; display: WallDisplay }> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + input.days * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('wallboard_displays')
      .values({ name: input.name, token_hash: hashToken(token), created_by: actor.id, expires_at: expires })
      .returning('id')
      .executeTakeFirstOrThrow();
    const display = toDisplay((await withNames(trx).where('d.id', '=', id).executeTakeFirstOrThrow()) as Row);
    await appendAudit(trx, {
      actor,
      action: 'wallboard.display-created',
      targetType: 'wallboard-display',
      targetId: id,
      after: { name: display.name, expiresAt: display.expiresAt },
      requestId,
    });
    return { token, display };
  });
}

export async function listDisplays(db: Kysely<Database>): Promise<WallDisplay[]> {
  const rows = await withNames(db).orderBy('d.created_at', 'desc').execute();
  return rows.map((r) => toDisplay(r as Row));
}

export async function revokeDisplay(
  db: Kysely<Database>,
  id: string,
  actor: Actor & { id: string },
  now: Date,
  requestId?: string,
): Promise<WallDisplay> {
  return db.transaction().execute(async (trx) => {
    const before = await withNames(trx).where('d.id', '=', id).forUpdate('d').executeTakeFirst();
    if (!before) throw new NotFound('wall display');
    if (before.revoked_at) throw new Conflict('the display is already revoked');
    await trx
      .updateTable('wallboard_displays')
      .set({ revoked_at: now, revoked_by: actor.id })
      .where('id', '=', id)
      .execute();
    const after = toDisplay((await withNames(trx).where('d.id', '=', id).executeTakeFirstOrThrow()) as Row);
    await appendAudit(trx, {
      actor,
      action: 'wallboard.display-revoked',
      targetType: 'wallboard-display',
      targetId: id,
      before: { name: before.name, expiresAt: after.expiresAt },
      after: { revokedAt: after.revokedAt },
      requestId,
    });
    return after;
  });
}

/** The live display holding this token, noting when and from where it was used; undefined otherwise. */
export async function displayOfToken(
  db: Kysely<Database>,
  token: string | undefined,
  ip: string,
  now: Date,
): Promise<{ name: string; expiresAt: Date } | undefined> {
  if (!token || token.length > 200) return undefined;
  const row = await db
    .selectFrom('wallboard_displays')
    .select(['id', 'name', 'expires_at', 'last_seen_at', 'last_ip'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const stale = !row.last_seen_at || now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS;
  if (stale || row.last_ip !== ip)
    await db
      .updateTable('wallboard_displays')
      .set({ last_seen_at: now, last_ip: ip })
      .where('id', '=', row.id)
      .execute();
  return { name: row.name, expiresAt: row.expires_at };
}
