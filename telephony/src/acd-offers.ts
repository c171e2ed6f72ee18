// Offering calls: the longest-waiting call to the longest-idle ready call-taker, as long as there are both. Each
// offer asks Kamailio to ring the call-taker's phone; the call and the call-taker are marked ringing only once
// Kamailio was told. A text session in the same queue is offered in the console instead (acd-text.ts).
import type { AcdCall, AcdStore, Match } from './acd-store.ts';
import type { CallEventSink } from './call-events.ts';
import type { CallTakers } from './call-takers.ts';

/** Sends a command to Kamailio; false when not connected or no longer the leader. */
export type KamailioCommand = (command: Record<string, unknown>) => boolean;

export class Offers {
  constructor(
    private readonly store: AcdStore,
    private readonly callTakers: CallTakers,
    private readonly sink: CallEventSink,
    private readonly kamailio: KamailioCommand,
    private readonly clock: () => Date,
    /** How long a text session is offered to one call-taker before it goes to the next. */
    private readonly textRingMs: number,
  ) {}

  /** A text session is offered in the console itself: no phone rings, the offer lapses after textRingMs. */
  private async offerText(sipCallId: string, call: AcdCall, extension: string): Promise<void> {
    await this.store.saveCall(sipCallId, { ...call, state: 'ringing', agent: extension });
    await this.store.offerText(sipCallId, this.clock().getTime() + this.textRingMs);
    await this.callTakers.ringing(extension, sipCallId);
    this.sink.emit({ type: 'offered', sipCallId, at: this.clock().toISOString(), extension });
  }

  /** Offers waiting calls to available call-takers while there are both (`first`: a match already known). */
  async distribute(first?: Match): Promise<void> {
    for (let match = first ?? (await this.store.nextMatch()); match; match = await this.store.nextMatch()) {
      const call = await this.store.call(match.sipCallId);
      if (!call) {
        await this.store.forgetCall(match.sipCallId);
        continue;
      }
      if (call.channel === 'text') {
        await this.offerText(match.sipCallId, call, match.extension);
        continue;
      }
      const sent = this.kamailio({
        cmd: 'route',
        tindex: Number(call.tindex),
        tlabel: Number(call.tlabel),
        target: match.extension,
        callId: match.sipCallId,
      });
      // Not connected or not the leader any more: the call stays queued for whoever routes next.
      if (!sent) return;
      await this.store.saveCall(match.sipCallId, { ...call, state: 'ringing', agent: match.extension });
      await this.callTakers.ringing(match.extension, match.sipCallId);
      this.sink.emit({
        type: 'offered',
        sipCallId: match.sipCallId,
        at: this.clock().toISOString(),
        extension: match.extension,
      });
    }
  }
}
