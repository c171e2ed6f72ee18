// What the ACD does to call-takers as time passes, not on a Kamailio event: ready call-takers whose console
// stopped its heartbeat are set not ready, wrap-ups end when their time is up, and a call waiting too long
// ends the wrap-up of whoever has been in it longest.
import type { Logger } from 'pino';
import type { AcdStore } from './acd-store.ts';
import type { CallTakers } from './call-takers.ts';

export interface WrapUpPolicy {
  /** Wrap-up after each call when no supervisor set the centre's own. */
  defaultSeconds: number;
  /** A queued call waiting longer than this ends wrap-ups to take it. */
  breakWaitSeconds: number;
}

export class AgentUpkeep {
  constructor(
    private readonly store: AcdStore,
    private readonly callTakers: CallTakers,
    private readonly policy: WrapUpPolicy,
    private readonly log: Logger,
    private readonly clock: () => Date,
  ) {}

  /** The wrap-up a call-taker gets when their call ends now. */
  async wrapUpMs(): Promise<number> {
    return (await this.store.wrapUpSeconds(this.policy.defaultSeconds)) * 1000;
  }

  /** One pass of everything time-driven; true when a call-taker may have become free for a call. */
  async pass(): Promise<boolean> {
    await this.sweepLapsedConsoles();
    const ended = await this.endDueWrapUps();
    const broken = await this.breakWrapUpsForLongWaits();
    return ended + broken > 0;
  }

  /** Ready call-takers without a console heartbeat stop being offered calls; a call in hand goes on. */
  async sweepLapsedConsoles(): Promise<void> {
    for (const extension of await this.store.lapsedConsoles()) {
      const record = await this.callTakers.record(extension);
      if (record.ready === '1') {
        this.log.warn({ extension, activity: record.activity }, 'console heartbeat lapsed: not ready');
        await this.callTakers.consoleLost(extension);
      }
      await this.store.forgetLapsedConsole(extension);
    }
  }

  async endDueWrapUps(): Promise<number> {
    const due = await this.store.wrapUpsDue(this.clock().getTime());
    for (const extension of due) await this.callTakers.endWrapUp(extension);
    return due.length;
  }

  /**
   * With nobody ready and calls waiting longer than the policy allows, ends as many wrap-ups as there are
   * such calls, longest in wrap-up first.
   */
  async breakWrapUpsForLongWaits(): Promise<number> {
    if ((await this.store.readyCount()) > 0) return 0;
    const limitUs = (this.clock().getTime() - this.policy.breakWaitSeconds * 1000) * 1000;
    const waiting = await this.store.longWaiting(limitUs);
    if (waiting === 0) return 0;
    const inWrapUp = await this.store.wrapUps();
    const longest = inWrapUp
      .sort((a, b) => Number(a.record.since) - Number(b.record.since))
      .slice(0, waiting);
    for (const { extension } of longest) {
      this.log.info({ extension, waiting }, 'wrap-up ended: a call has waited too long');
      await this.callTakers.endWrapUp(extension);
    }
    return longest.length;
  }
}
