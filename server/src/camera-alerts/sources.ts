// The rules of analytics sources (admin): each has a name and a secret shown once, on creation or rotation;
// a deactivated source's posts are refused.
import type { AlertSource, AlertSourceWithSecret, UpdateAlertSourceRequest } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict, NotFound } from '../errors.ts';
import * as repo from './repository.ts';
import { newSourceSecret } from './signature.ts';

const UNIQUE_VIOLATION = '23505';

export function listSources(ctx: AppContext): Promise<AlertSource[]> {
  return repo.listSources(ctx.db);
}

export async function createSource(
  ctx: AppContext,
  actor: Actor,
  name: string,
  requestId?: string,
): Promise<AlertSourceWithSecret> {
  const secret = newSourceSecret();
  try {
    const source = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insertSource(trx, name, secret);
      // The secret itself never goes into the audit log.
      await appendAudit(trx, {
        actor,
        action: 'alert-source.create',
        targetType: 'alert-source',
        targetId: created.id,
        after: created,
        requestId,
      });
      return created;
    });
    return { source, secret };
  } catch (err) {
    if ((err as { code?: string })?.code === UNIQUE_VIOLATION) throw new Conflict(`source ${name} exists`);
    throw err;
  }
}

export async function updateSource(
  ctx: AppContext,
  actor: Actor,
  id: string,
  change: UpdateAlertSourceRequest,
  requestId?: string,
): Promise<{ source: AlertSource; secret?: string }> {
  const secret = change.rotateSecret ? newSourceSecret() : undefined;
  const source = await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateSource(trx, id, { active: change.active, secret });
    if (!updated) throw new NotFound('alert source');
    await appendAudit(trx, {
      actor,
      action: 'alert-source.update',
      targetType: 'alert-source',
      targetId: id,
      after: { active: updated.active, secretRotated: !!secret },
      requestId,
    });
    return updated;
  });
  return secret ? { source, secret } : { source };
}
