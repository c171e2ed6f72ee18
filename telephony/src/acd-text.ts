// Text-to-112 sessions in the ACD: queued with the calls at their arrival and offered to the longest-idle ready
// call-taker like a call, but in the console (no phone rings). The call-taker accepts (on-call until the session
// ends, then wrap-up), declines, or lets the offer lapse after RING_TIMEOUT_MS; the last two put the session back
// in its place and the call-taker not ready, as a phone that refuses or does not answer. A session with an
// overflow destination that waits QUEUE_TIMEOUT_MS goes there, as a call does. After call control was away, the
// server's account of its sessions wins: ended ones are released, ones taken from the list adopted, waiting ones
// queued (Acd.syncTexts).
import type { TextToQueue } from '@hcm112/shared';
import type { AcdCall, AcdStore } from './acd-store.ts';
import type { CallEventSink } from './call-events.ts';
import type { CallTakers } from './call-takers.ts';

/** How long the ACD remembers a text session it finished (far longer than any sync takes to arrive). */
const DONE_KEPT_MS = 24 * 3600_000;

export class TextCalls {
  constructor(
    private readonly store: AcdStore,
    private readonly callTakers: CallTakers,
    private readonly sink: CallEventSink,
    private readonly queueTimeoutMs: number,
    private readonly clock: () => Date,
  ) {}

  /** Queues a session at its arrival (the server recorded its call row); a known one is left where it is. */
  async queue(t: TextToQueue): Promise<void> {
    if (!(await this.isNew(t.sipCallId))) return;
    await this.store.saveCall(t.sipCallId, textCall(t, 'queued', ''));
    if (t.overflowTo)
      await this.store.overflowTextAt(t.sipCallId, Date.parse(t.arrivedAt) + this.queueTimeoutMs);
  }

  /**
   * A session a call-taker took from the list while call control was away: answered by them, and they are on it
   * (unless something was offered to them since), so nothing is offered to them until they end it. A session
   * the ACD knows is left as it is.
   */
  async adopt(t: TextToQueue & { extension: string }): Promise<void> {
    if (!(await this.isNew(t.sipCallId))) return;
    await this.store.saveCall(t.sipCallId, textCall(t, 'answered', t.extension));
    const { activity } = await this.callTakers.record(t.extension);
    if (activity === 'idle' || activity === 'wrap-up') await this.callTakers.onCall(t.extension, t.sipCallId);
  }

  /** The call-taker it is offered to accepts it: on a call until it ends. */
  async answer(sipCallId: string, extension: string): Promise<string | null> {
    const call = await this.offeredTo(sipCallId, extension);
    if (typeof call === 'string') return call;
    await this.store.saveCall(sipCallId, { ...call, state: 'answered' });
    await this.store.settleTextOffer(sipCallId);
    await this.store.forgetTextOverflow(sipCallId);
    await this.callTakers.onCall(extension, sipCallId);
    this.sink.emit({ type: 'answered', sipCallId, at: this.now(), extension });
    return null;
  }

  /** Declined, or the offer lapsed: back in its place, the call-taker not ready (refused / no-answer). */
  async decline(
    sipCallId: string,
    extension: string,
    reason: 'refused' | 'no-answer',
  ): Promise<string | null> {
    const call = await this.offeredTo(sipCallId, extension);
    if (typeof call === 'string') return call;
    await this.store.settleTextOffer(sipCallId);
    await this.callTakers.refused(extension, reason === 'refused' ? '603' : '408');
    await this.store.saveCall(sipCallId, { ...call, state: 'queued', agent: '' });
    this.sink.emit({ type: 'requeued', sipCallId, at: this.now(), extension, reason });
    return null;
  }

  /** The call-taker on it ended the session: recorded as ended; their wrap-up is the ACD's (as after a call). */
  async end(sipCallId: string, extension: string): Promise<string | null> {
    const call = await this.store.call(sipCallId);
    if (call?.channel !== 'text' || call.state !== 'answered') return 'the text session is not answered';
    if (call.agent !== extension) return 'the text session is answered by another call-taker';
    await this.finish(sipCallId);
    this.sink.emit({ type: 'ended', sipCallId, at: this.now(), endedBy: 'call-taker' });
    return null;
  }

  /**
   * A session the server ended while call control was away (no end-text reached us): forgotten, and the
   * call-taker it was offered to free again. The extension of the call-taker who was on it (to wrap up), if any.
   */
  async release(sipCallId: string): Promise<string | undefined> {
    const call = await this.store.call(sipCallId);
    if (call?.channel !== 'text') return undefined;
    await this.store.settleTextOffer(sipCallId);
    await this.store.forgetTextOverflow(sipCallId);
    await this.finish(sipCallId);
    // Their record may have moved on (a restart of Redis, a later call): only their hold on this one is undone.
    if (!call.agent || (await this.callTakers.record(call.agent)).callId !== sipCallId) return undefined;
    if (call.state === 'answered') return call.agent;
    await this.callTakers.released(call.agent);
    return undefined;
  }

  /** Offers that lapsed go to the next call-taker; sessions that waited too long overflow. True if any did. */
  async expire(): Promise<boolean> {
    await this.store.pruneTextsDone(this.clock().getTime() - DONE_KEPT_MS);
    const { offers, overflows } = await this.store.textsDue(this.clock().getTime());
    for (const sipCallId of offers) {
      const call = await this.store.call(sipCallId);
      if (call?.state === 'ringing' && call.agent) await this.decline(sipCallId, call.agent, 'no-answer');
      else await this.store.settleTextOffer(sipCallId);
    }
    let overflowed = 0;
    for (const sipCallId of overflows) if (await this.overflow(sipCallId)) overflowed += 1;
    return offers.length + overflowed > 0;
  }

  /** A session still waiting (not offered to anyone at this moment) goes to its overflow destination. */
  private async overflow(sipCallId: string): Promise<boolean> {
    const call = await this.store.call(sipCallId);
    if (!call || call.state === 'answered' || !call.overflowTo) {
      await this.store.forgetTextOverflow(sipCallId);
      return false;
    }
    // Being offered right now: the offer decides first (an accepted one never overflows).
    if (call.state === 'ringing') return false;
    await this.store.forgetTextOverflow(sipCallId);
    await this.finish(sipCallId);
    this.sink.emit({
      type: 'overflowed',
      sipCallId,
      at: this.now(),
      destination: call.overflowTo,
      reason: 'waited',
    });
    return true;
  }

  /** Neither held nor finished by the ACD. */
  private async isNew(sipCallId: string): Promise<boolean> {
    return !(await this.store.call(sipCallId)) && !(await this.store.textDone(sipCallId));
  }

  /** Forgotten, and kept as finished: a sync that read the server's records a moment earlier cannot revive it. */
  private async finish(sipCallId: string): Promise<void> {
    await this.store.forgetCall(sipCallId);
    await this.store.markTextDone(sipCallId, this.clock().getTime());
  }

  private async offeredTo(sipCallId: string, extension: string): Promise<AcdCall | string> {
    const call = await this.store.call(sipCallId);
    if (call?.channel !== 'text') return 'no such text session is waiting';
    if (call.state !== 'ringing' || call.agent !== extension) return 'the text session is not offered to you';
    return call;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/** A text session as the ACD keeps it (no SIP transaction or dialog: it is never routed by Kamailio). */
function textCall(t: TextToQueue, state: AcdCall['state'], agent: string): AcdCall {
  return {
    tindex: '',
    tlabel: '',
    caller: t.caller,
    arrivedUs: String(Date.parse(t.arrivedAt) * 1000),
    state,
    agent,
    fromTag: '',
    toTag: '',
    channel: 'text',
    overflowTo: t.overflowTo,
  };
}
