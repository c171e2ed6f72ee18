// The append-only audit log: the only code that writes or reads audit_log.
import type { AuditEntry } from '@hcm112/shared';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Who did something: a logged-in user, a unit device, or the system itself. */
export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: null, name: 'system' });

export interface AuditRecord {
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Pass the transaction that makes the change, so the change and its audit row commit together. */
export async function appendAudit(db: Kysely<Database>, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: record.actor.id,
      actor_name: record.actor.name,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId ?? null,
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
      request_id: record.requestId ?? null,
    })
    .execute();
}

/**
 * The audit rows of a change made by the same statement: one per row of that statement's common table expression
 * `source`, its id the target; `before`, when given as SQL, is read from the statement too. Used as a CTE of the
 * statement, so the change and its audit row are one round trip and one commit.
 */
export function auditRowsOf(
  source: string,
  record: Omit<AuditRecord, 'targetId' | 'before'> & { before?: RawBuilder<unknown> },
): RawBuilder<unknown> {
  const after = record.after === undefined ? null : JSON.stringify(record.after);
  return sql`INSERT INTO audit_log (actor_id, actor_name, action, target_type, target_id, before, after, request_id)
    SELECT ${record.actor.id}::uuid, ${record.actor.name}, ${record.action}, ${record.targetType},
      ${sql.ref(`${source}.id`)}::text, ${record.before ?? sql`NULL`}::jsonb, ${after}::jsonb, ${record.requestId ?? null}
    FROM ${sql.table(source)}`;
}

export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  actorId?: string;
  afterId?: number;
  limit: number;
}

export async function listAudit(db: Kysely<Database>, filter: AuditFilter): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'asc').limit(filter.limit);
  if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.afterId !== undefined) q = q.where('id', '>', String(filter.afterId));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.request_id,
  }));
}
