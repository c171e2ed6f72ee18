// The centre-wide wrap-up after each call: shown to everyone on the floor, set by a supervisor (0 during a
// surge, or back to call control's default), audited. Call control reads it from Redis at each call's end.
import type { User, WrapUpSetting } from '@hcm112/shared';
import { appendAudit } from '../audit/repository.ts';
import { acdClientOf } from '../calls/acd-client.ts';
import type { AppContext } from '../context.ts';

export async function wrapUpSetting(ctx: AppContext): Promise<WrapUpSetting> {
  const { override, defaults } = await acdClientOf(ctx).wrapUp();
  return {
    // Before call control ever ran there is no default to show: no wrap-up is applied by anyone yet.
    seconds: override?.seconds ?? defaults?.seconds ?? 0,
    defaultSeconds: defaults?.seconds ?? null,
    breakWaitSeconds: defaults?.breakWaitSeconds ?? null,
    setBy: override?.setBy ?? null,
    setAt: override?.setAt ?? null,
  };
}

/** `seconds` null: back to call control's configured default. Applies from the next call that ends. */
export async function setWrapUp(
  ctx: AppContext,
  user: User,
  seconds: number | null,
  requestId?: string,
): Promise<WrapUpSetting> {
  const before = await wrapUpSetting(ctx);
  await acdClientOf(ctx).setWrapUpOverride(
    seconds === null ? null : { seconds, setBy: user.username, setAt: ctx.clock().toISOString() },
  );
  const after = await wrapUpSetting(ctx);
  await appendAudit(ctx.db, {
    actor: { id: user.id, name: user.username },
    action: 'acd.wrap-up.set',
    targetType: 'acd',
    targetId: null,
    before,
    after,
    requestId,
  });
  return after;
}
