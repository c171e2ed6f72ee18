// Location links in PostgreSQL: the only SQL touching caller_links.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface LinkRow {
  id: string;
  callId: string;
  deviceKeyHash: string | null;
  expiresAt: Date;
  openedAt: Date | null;
  videoConsentAt: Date | null;
  /** When the link's call ended; null while it is live. */
  callEndedAt: Date | null;
}

export interface NewLink {
  callId: string;
  tokenHash: string;
  by: string | null;
  at: Date;
  expiresAt: Date;
  smsTo: string | null;
}

export async function insertLink(db: Kysely<Database>, l: NewLink): Promise<string> {
  const row = await db
    .insertInto('caller_links')
    .values({
      call_id: l.callId,
      token_hash: l.tokenHash,
      created_by: l.by,
      created_at: l.at,
      expires_at: l.expiresAt,
      sms_to: l.smsTo,
      sms_status: 'not-asked',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setSmsStatus(db: Kysely<Database>, id: string, status: string): Promise<void> {
  await db.updateTable('caller_links').set({ sms_status: status }).where('id', '=', id).execute();
}

export async function findLinkByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<LinkRow | undefined> {
  const row = await db
    .selectFrom('caller_links')
    .innerJoin('calls', 'calls.id', 'caller_links.call_id')
    .select([
      'caller_links.id',
      'caller_links.call_id',
      'caller_links.device_key_hash',
      'caller_links.expires_at',
      'caller_links.opened_at',
      'caller_links.video_consent_at',
      'calls.ended_at',
    ])
    .where('caller_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      callId: row.call_id,
      deviceKeyHash: row.device_key_hash,
      expiresAt: row.expires_at,
      openedAt: row.opened_at,
      videoConsentAt: row.video_consent_at,
      callEndedAt: row.ended_at,
    }
  );
}

/** Binds the link to the phone that opened it first; false when another phone already did. */
export async function markOpened(
  db: Kysely<Database>,
  id: string,
  deviceKeyHash: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('caller_links')
    .set({ device_key_hash: deviceKeyHash, opened_at: at })
    .where('id', '=', id)
    .where('opened_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Takes the link's turn for a position: false when its last one is less than `minIntervalMs` old. */
export async function takePositionTurn(
  db: Kysely<Database>,
  id: string,
  at: Date,
  minIntervalMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('caller_links')
    .set({ last_position_at: at })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_position_at', 'is', null),
        eb('last_position_at', '<=', new Date(at.getTime() - minIntervalMs)),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Records the caller's consent to video once (the first time stays). */
export async function setVideoConsent(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db
    .updateTable('caller_links')
    .set({ video_consent_at: at })
    .where('id', '=', id)
    .where('video_consent_at', 'is', null)
    .execute();
}

export async function setVideoPublished(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('caller_links').set({ video_published_at: at }).where('id', '=', id).execute();
}

/** The newest link of a live call whose caller consented to video and whose phone sends it. */
export async function findVideoLinkOfCall(db: Kysely<Database>, callId: string) {
  return db
    .selectFrom('caller_links')
    .innerJoin('calls', 'calls.id', 'caller_links.call_id')
    .select(['caller_links.id', 'caller_links.expires_at'])
    .where('caller_links.call_id', '=', callId)
    .where('caller_links.video_consent_at', 'is not', null)
    .where('caller_links.video_published_at', 'is not', null)
    .where('calls.ended_at', 'is', null)
    .orderBy('caller_links.video_published_at', 'desc')
    .executeTakeFirst();
}

/** Every link of the call through which the phone sent video (each is recorded on its own). */
export async function videoLinksOfCall(db: Kysely<Database>, callId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('caller_links')
    .select('id')
    .where('call_id', '=', callId)
    .where('video_published_at', 'is not', null)
    .orderBy('video_published_at')
    .execute();
  return rows.map((r) => r.id);
}
