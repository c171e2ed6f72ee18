// The one query feeds need: whether the incident a viewer names exists.
import type { Db } from '../db/database.ts';

export async function incidentExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst());
}
