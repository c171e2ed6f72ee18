// Keeps the ACD true to the text sessions after call control was away: each time a call-control instance comes in
// sync with Kamailio (its start, a reconnection: a new `syncedAt`), the sessions that waited meanwhile are queued
// in arrival order, those taken from the list meanwhile hold their call-taker on a call, and those ended
// meanwhile are released (their call-taker wraps up), in one sync-texts command.
import type { ControllerStatus } from '@hcm112/shared';
import type { Logger } from 'pino';
import { appendAudit } from '../audit/repository.ts';
import { acdClientOf } from '../calls/acd-client.ts';
import type { AppContext } from '../context.ts';
import { endedTextCalls, takenTextCalls, type WaitingTextCall, waitingTextCalls } from './repository.ts';

/** How often the server looks for a call-control instance newly in sync. */
const WATCH_EVERY_MS = 500;
/** How long one server process holds a sync it claimed (others skip it meanwhile). */
const CLAIM_MS = 60_000;

const SYNC_ACTOR = Object.freeze({ id: null, name: 'text112 sync' });

/** Sends call control the waiting, taken and ended sessions; their Call-IDs. */
export async function syncTextCalls(
  ctx: AppContext,
): Promise<{ waiting: string[]; taken: string[]; ended: string[] }> {
  const acd = acdClientOf(ctx);
  const toQueue = (w: WaitingTextCall) => ({
    sipCallId: w.sipCallId,
    caller: w.callerNumber,
    overflowTo: w.plannedOverflowTo ?? '',
    arrivedAt: w.arrivedAt.toISOString(),
  });
  const waiting = (await waitingTextCalls(ctx.db)).map(toQueue);
  const taken = (await takenTextCalls(ctx.db)).map((t) => ({ ...toQueue(t), extension: t.extension }));
  const ended = await endedTextCalls(ctx.db, await acd.textCalls());
  const ids = (list: Array<{ sipCallId: string }>) => list.map((w) => w.sipCallId);
  const sent = { waiting: ids(waiting), taken: ids(taken), ended };
  // Nothing waited, was taken or ended meanwhile (every sync of a quiet centre): nothing to send.
  if (waiting.length + taken.length + ended.length === 0) return sent;
  const result = await acd.command({ cmd: 'sync-texts', waiting, taken, ended });
  if (!result.ok) throw new Error(`call control refused the text sync: ${result.reason}`);
  return sent;
}

/** Watches the controller's sync time; one server process syncs each new one (a Redis claim). */
export function startTextSync(ctx: AppContext, log: Logger): { stop(): Promise<void> } {
  const acd = acdClientOf(ctx);
  let synced = '';
  let stopped = false;

  const syncOf = (c: ControllerStatus) => `${c.instance}|${c.syncedAt ?? c.since}`;

  const syncOnce = async (controller: ControllerStatus): Promise<void> => {
    const sync = syncOf(controller);
    const claim = `${ctx.config.REDIS_PREFIX}:text112:synced:${sync}`;
    if ((await ctx.redis.set(claim, '1', 'PX', CLAIM_MS, 'NX')) !== 'OK') {
      synced = sync;
      return;
    }
    try {
      const sent = await syncTextCalls(ctx);
      // Audited when it changed something; a sync with nothing to hand over leaves no row.
      if (sent.waiting.length + sent.taken.length + sent.ended.length > 0)
        await appendAudit(ctx.db, {
          actor: SYNC_ACTOR,
          action: 'text.sync',
          targetType: 'call-control',
          targetId: controller.instance,
          after: { syncedAt: controller.syncedAt ?? controller.since, ...sent },
        });
      log.info({ instance: controller.instance, ...sent }, 'text sessions synced with the ACD');
      synced = sync;
    } catch (err) {
      // Tried again at the next look, by whichever process claims it first.
      await ctx.redis.del(claim);
      log.warn({ instance: controller.instance, err: String(err) }, 'text sessions not synced yet');
    }
  };

  const look = async (): Promise<void> => {
    const controller = await acd.controller();
    if (controller && syncOf(controller) !== synced) await syncOnce(controller);
  };

  // One look at a time: a slow sync is not overlapped by the next tick.
  let pass: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (stopped || pass) return;
    pass = look()
      .catch((err: unknown) => log.warn({ err: String(err) }, 'text sync look failed'))
      .finally(() => (pass = undefined));
  }, WATCH_EVERY_MS);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pass;
    },
  };
}
