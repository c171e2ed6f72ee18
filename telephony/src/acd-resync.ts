// A sync with Kamailio (after call control connects, or Kamailio restarts): Kamailio names every call it holds
// ("holding" events) and then says it is done. Calls call control still has that Kamailio no longer holds (lost
// with a restart) are closed, and every phone call control believes registered is named to Kamailio, which
// restores UDP phones and reports the others unregistered (route[CMD_CONTACT]).
import type { AcdCall, AcdStore } from './acd-store.ts';
import type { KamailioCommand } from './acd-offers.ts';
import type { CallTakers } from './call-takers.ts';
import { lostCalls } from './lost-calls.ts';
import type { PhoneContacts } from './phone-contacts.ts';

/** Closes a call Kamailio lost: ended when answered, abandoned (with its callback number) otherwise. */
export type CloseLostCall = (sipCallId: string, call: AcdCall) => Promise<void>;

export class KamailioResync {
  /** Calls Kamailio says it holds, gathered during a sync until sync-done. */
  private readonly holding = new Set<string>();

  constructor(
    private readonly store: AcdStore,
    private readonly callTakers: CallTakers,
    private readonly contacts: PhoneContacts,
    private readonly kamailio: KamailioCommand,
  ) {}

  /** Kamailio holds this call. */
  hold(sipCallId: string): void {
    this.holding.add(sipCallId);
  }

  /** The sync is done: `snapshotUs` is Kamailio's time of its snapshot (calls arriving after it are kept). */
  async done(snapshotUs: number | undefined, closeLost: CloseLostCall): Promise<void> {
    const holding = new Set(this.holding);
    this.holding.clear();
    if (snapshotUs !== undefined)
      for (const [sipCallId, call] of lostCalls(await this.store.calls(), holding, snapshotUs))
        await closeLost(sipCallId, call);
    for (const extension of await this.contacts.confirmAll(this.kamailio))
      await this.callTakers.setRegistered(extension, false);
  }
}
