// Calls that leave the queue for somewhere else: the service's overflow destination (nobody logged in, or
// Kamailio's own choice) and the fallback group (a call call control never saw, or one that waited too long). A
// call-taker whose phone was ringing for such a call is free again.
import type { BlockList } from 'node:net';
import type { Logger } from 'pino';
import type { KamailioCommand } from './acd-offers.ts';
import { arrivalRecord, newAcdCall } from './acd-records.ts';
import type { AcdStore } from './acd-store.ts';
import type { CallEventSink } from './call-events.ts';
import type { CallTakers } from './call-takers.ts';
import type { KamailioArrival } from './kamailio-events.ts';

/** Records a call's arrival (and asks for its location by reference) as the ACD does for any new call. */
export type RecordArrival = (type: 'arrived' | 'fallback', e: KamailioArrival) => void;

export class Overflow {
  constructor(
    private readonly store: AcdStore,
    private readonly callTakers: CallTakers,
    private readonly sink: CallEventSink,
    private readonly kamailio: KamailioCommand,
    private readonly trusted: BlockList,
    private readonly recordArrival: RecordArrival,
    private readonly log: Logger,
  ) {}

  /** Nobody is logged in to take the call: Kamailio sends it to the service's overflow destination. */
  sendNow(e: Extract<KamailioArrival, { event: 'arrived' }>): void {
    const sent = this.kamailio({ cmd: 'overflow', tindex: e.tindex, tlabel: e.tlabel, callId: e.callId });
    if (sent) this.log.warn({ sipCallId: e.callId }, 'no call-taker logged in: call sent to overflow');
  }

  /** Sent to the overflow destination: recorded with where and why (an arrival first if never seen). */
  async overflowed(e: Extract<KamailioArrival, { event: 'overflow' }>, at: string): Promise<void> {
    const known = await this.store.call(e.callId);
    if (known?.agent && known.state === 'ringing') await this.callTakers.released(known.agent);
    if (!known) this.sink.emit({ type: 'arrived', ...arrivalRecord(e, this.trusted) });
    await this.store.saveCall(e.callId, {
      ...(known ?? newAcdCall(e, this.trusted)),
      state: 'fallback',
      agent: '',
    });
    this.sink.emit({
      type: 'overflowed',
      sipCallId: e.callId,
      at,
      destination: e.to,
      reason: e.reason,
    });
  }

  /** Ringing the fallback group: a call control never saw (it was away), or one that waited too long. */
  async fallback(e: Extract<KamailioArrival, { event: 'fallback' }>, at: string): Promise<void> {
    const known = await this.store.call(e.callId);
    if (known) {
      if (known.agent && known.state === 'ringing') await this.callTakers.released(known.agent);
      await this.store.saveCall(e.callId, { ...known, state: 'fallback', agent: '' });
      this.sink.emit({ type: 'overflowed', sipCallId: e.callId, at, destination: null, reason: null });
      return;
    }
    await this.store.saveCall(e.callId, { ...newAcdCall(e, this.trusted), state: 'fallback' });
    this.recordArrival('fallback', e);
  }
}
