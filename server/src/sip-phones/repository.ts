// Desk phones' SIP password digests in PostgreSQL (Kamailio reads them through the sip_desk_phones view).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface DeskPhonePasswordRow {
  extension: string;
  realm: string;
  setAt: Date;
}

export async function saveDeskPhonePassword(
  db: Kysely<Database>,
  row: { extension: string; ha1: string; realm: string; setBy: string | null },
): Promise<DeskPhonePasswordRow> {
  const saved = await db
    .insertInto('sip_desk_phone_passwords')
    .values({ extension: row.extension, ha1: row.ha1, realm: row.realm, set_by: row.setBy })
    .onConflict((oc) =>
      oc
        .column('extension')
        .doUpdateSet({ ha1: row.ha1, realm: row.realm, set_by: row.setBy, set_at: new Date() }),
    )
    .returning(['extension', 'realm', 'set_at'])
    .executeTakeFirstOrThrow();
  return { extension: saved.extension, realm: saved.realm, setAt: saved.set_at };
}

export async function findDeskPhonePassword(
  db: Kysely<Database>,
  extension: string,
): Promise<DeskPhonePasswordRow | undefined> {
  const row = await db
    .selectFrom('sip_desk_phone_passwords')
    .select(['extension', 'realm', 'set_at'])
    .where('extension', '=', extension)
    .executeTakeFirst();
  return row && { extension: row.extension, realm: row.realm, setAt: row.set_at };
}

export async function deleteDeskPhonePassword(db: Kysely<Database>, extension: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sip_desk_phone_passwords')
    .where('extension', '=', extension)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
