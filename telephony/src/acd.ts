// Automatic call distribution: what each Kamailio event does to the waiting calls and the call-takers, and the
// call-takers' own commands (ready, end wrap-up, hang up). Its parts: offers to call-takers (acd-offers.ts), the
// overflow destination and fallback group (acd-overflow.ts), the sync with Kamailio (acd-resync.ts), wrap-up
// (acd-wrap-up.ts), and what events become in the records (acd-records.ts). State lives in Redis (AcdStore), so a
// restarted or standby call control continues where the last one stopped.
import type { BlockList } from 'node:net';
import {
  type AbandonReason,
  type ArrivalHops,
  type CallEndedBy,
  hopNow,
  kamailioStamp,
  type TextToQueue,
} from '@hcm112/shared';
import type { HopTrace } from '@hcm112/shared/hop-trace';
import type { Logger } from 'pino';
import { type KamailioCommand, Offers } from './acd-offers.ts';
import { Overflow } from './acd-overflow.ts';
import { arrivalRecord, newAcdCall, refusalEvent } from './acd-records.ts';
import { KamailioResync } from './acd-resync.ts';
import { TextCalls } from './acd-text.ts';
import type { AcdCall, AcdStore, Match } from './acd-store.ts';
import { WrapUps } from './acd-wrap-up.ts';
import type { AgentUpkeep } from './agent-upkeep.ts';
import type { CallEventSink } from './call-events.ts';
import type { CallTakers } from './call-takers.ts';
import { callerIdentity } from './caller-identity.ts';
import { happenedAt, type KamailioArrival, type KamailioEvent, kamailioMicros } from './kamailio-events.ts';
import type { PhoneContacts } from './phone-contacts.ts';
import type { ReferenceLocations } from './reference-locations.ts';

export type { KamailioCommand } from './acd-offers.ts';

export class Acd {
  private readonly offers: Offers;
  private readonly resync: KamailioResync;
  private readonly overflowing: Overflow;
  private readonly wrapUps: WrapUps;
  private readonly texts: TextCalls;

  constructor(
    private readonly store: AcdStore,
    private readonly callTakers: CallTakers,
    private readonly sink: CallEventSink,
    private readonly kamailio: KamailioCommand,
    private readonly upkeep: AgentUpkeep,
    private readonly contacts: PhoneContacts,
    /** TRUSTED_TRUNKS: whose P-Asserted-Identity names the caller. */
    private readonly trusted: BlockList,
    /** Where https: Geolocation URIs are dereferenced (HELD). */
    private readonly references: ReferenceLocations,
    private readonly log: Logger,
    /** RING_TIMEOUT_MS and QUEUE_TIMEOUT_MS, as Kamailio's, for text sessions (acd-text.ts). */
    textTimes: { ringMs: number; queueMs: number },
    /** Benchmarks' stamps of the steps after the arrival is queued (HOP_TRACE). */
    private readonly hopTrace?: HopTrace,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.offers = new Offers(store, callTakers, sink, kamailio, clock, textTimes.ringMs);
    this.texts = new TextCalls(store, callTakers, sink, textTimes.queueMs, clock);
    this.resync = new KamailioResync(store, callTakers, contacts, kamailio);
    this.overflowing = new Overflow(
      store,
      callTakers,
      sink,
      kamailio,
      trusted,
      (type, e) => this.emitArrival(type, e),
      log,
    );
    this.wrapUps = new WrapUps(callTakers, upkeep);
  }

  /** `received`: when the event came off the evapi socket (hopNow), for the arrival's hop stamps. */
  async handle(e: KamailioEvent, received?: number): Promise<void> {
    // Kamailio's own time of the event: one kept while call control was away is recorded as it happened.
    const at = happenedAt(e, this.clock());
    switch (e.event) {
      case 'arrived':
        if (e.first === 1) return this.firstArrival(e, arrivalHops(e, received));
        return this.queued(e, at);
      case 'queued':
        return this.queued(e, at);
      case 'requeue':
        return this.requeue(e.callId, e.tindex, e.tlabel, e.reason, at);
      case 'fallback':
        return this.overflowing.fallback(e, at);
      case 'overflow':
        return this.overflowing.overflowed(e, at);
      case 'overflow-failed':
        this.log.error(
          { sipCallId: e.callId, code: e.code },
          'overflow destination failed: the call is placed again',
        );
        return;
      case 'refused':
        return this.sink.emit(refusalEvent(e, this.trusted));
      case 'announce-offered':
      case 'announced':
        // Only the announcements (announcements.ts) act on it: the call stays queued as it was.
        return;
      case 'answered':
        return this.answered(e.callId, e.contact, e.fromTag, e.toTag, at);
      case 'cancel':
        return this.abandoned(e.callId, e.caller, 'caller', at);
      case 'unanswered':
        return this.abandoned(e.callId, callerIdentity(e, this.trusted).number, 'unanswered', at);
      case 'gone':
        return this.gone(e.callId, e.lost === 1, at);
      case 'ended':
        return this.ended(e.callId, e.by, at);
      case 'registration':
        await this.contacts.remember(e);
        if (e.registered === 1 && e.replaced === 1) await this.callTakers.registeredElsewhere(e.extension);
        else await this.callTakers.setRegistered(e.extension, e.registered === 1);
        return this.distribute();
      case 'media-relay':
        return this.mediaRelay(e.up === 1);
      case 'holding':
        this.resync.hold(e.callId);
        return;
      case 'sync-done':
        await this.resync.done(e.at ? kamailioMicros(e.at) : undefined, this.closeLost(this.now()));
        return this.distribute();
    }
  }

  /** After a sync: a call Kamailio no longer holds (a restart of Kamailio lost it) is closed at `at`. */
  private closeLost(at: string) {
    return async (sipCallId: string, call: AcdCall): Promise<void> => {
      this.log.warn({ sipCallId, state: call.state }, 'call no longer held by Kamailio: closed');
      if (call.state === 'answered') await this.ended(sipCallId, 'system', at);
      else await this.abandoned(sipCallId, call.caller, 'lost', at);
    };
  }

  async setReady(extension: string, ready: boolean) {
    const agent = await this.callTakers.setReady(extension, ready);
    await this.distribute();
    return agent;
  }

  /** The ACD's record of a call-taker, as their console shows it. */
  agent(extension: string) {
    return this.callTakers.record(extension);
  }

  /** The call-taker ends their wrap-up early; the reason when they are not in one. */
  async endWrapUp(extension: string) {
    const result = await this.wrapUps.endEarly(extension);
    if (!result.refused) await this.distribute();
    return result;
  }

  /** Time-driven changes (consoles lost, wrap-ups over or broken by a long wait, text offers lapsed), then offers. */
  async tick(): Promise<void> {
    const freed = await this.upkeep.pass();
    if ((await this.texts.expire()) || freed) await this.distribute();
  }

  /** A text session to queue and offer like a call. */
  async queueText(text: TextToQueue): Promise<void> {
    await this.texts.queue(text);
    await this.distribute();
  }

  /**
   * After call control came in sync, the server's account of the text sessions: those it ended meanwhile are
   * released (who was on one wraps up, as after a call), those taken from the list meanwhile hold their
   * call-taker on a call, those waiting are queued at their arrival unless known (one already queued, offered or
   * answered stays as it is), then offered.
   */
  async syncTexts(sync: {
    waiting: TextToQueue[];
    taken: Array<TextToQueue & { extension: string }>;
    ended: string[];
  }): Promise<void> {
    for (const sipCallId of sync.ended) {
      const onIt = await this.texts.release(sipCallId);
      this.log.info({ sipCallId, extension: onIt }, 'text session ended while call control was away');
      if (onIt) await this.wrapUps.afterCall(onIt);
    }
    for (const text of sync.taken) await this.texts.adopt(text);
    for (const text of sync.waiting) await this.texts.queue(text);
    await this.distribute();
  }

  /** The call-taker accepts the text session offered to them; the reason when they cannot. */
  answerText(sipCallId: string, extension: string): Promise<string | null> {
    return this.texts.answer(sipCallId, extension);
  }

  /** The call-taker declines the text session offered to them: it goes to the next one. */
  async declineText(sipCallId: string, extension: string): Promise<string | null> {
    const refused = await this.texts.decline(sipCallId, extension, 'refused');
    if (!refused) await this.distribute();
    return refused;
  }

  /** The call-taker ends their text session: wrap-up follows as after a call. */
  async endText(sipCallId: string, extension: string): Promise<string | null> {
    const refused = await this.texts.end(sipCallId, extension);
    if (refused) return refused;
    await this.wrapUps.afterCall(extension);
    await this.distribute();
    return null;
  }

  /** Ends an answered call on behalf of the call-taker on it; the reason when it cannot. */
  async hangup(sipCallId: string, extension: string): Promise<string | null> {
    const call = await this.store.call(sipCallId);
    if (call?.state !== 'answered') return 'the call is not answered';
    if (call.agent !== extension) return 'the call is answered by another call-taker';
    const sent = this.kamailio({
      cmd: 'hangup',
      callId: sipCallId,
      fromTag: call.fromTag,
      toTag: call.toTag,
    });
    return sent ? null : 'call control is not connected to Kamailio';
  }

  /** Offers waiting calls to available call-takers while there are both (`first`: a match already known). */
  distribute(first?: Match): Promise<void> {
    return this.offers.distribute(first);
  }

  /** A new call, a call placed back in the queue by Kamailio, or one Kamailio still holds after a restart. */
  private async queued(
    e: Extract<KamailioArrival, { event: 'arrived' | 'queued' }>,
    at: string,
  ): Promise<void> {
    const known = await this.store.call(e.callId);
    if (known && e.event === 'queued') {
      // Named again by Kamailio after a reconnect: its arrival is told again, which the server records once (same
      // Call-ID and arrival time). A call control stopped between the ACD step and the add (call-events.ts) had
      // queued the call without its arrival reaching Redis. Its location by reference was asked for at arrival.
      this.sink.emit({ type: 'arrived', ...this.arrival(e) });
      return;
    }
    const transaction = { tindex: String(e.tindex), tlabel: String(e.tlabel) };
    if (known) {
      // Back from the fallback group or a wait: same place in the queue.
      await this.store.saveCall(e.callId, { ...known, ...transaction, state: 'queued', agent: '' });
      if (known.state === 'fallback')
        this.sink.emit({
          type: 'requeued',
          sipCallId: e.callId,
          at,
          extension: null,
          reason: 'fallback',
        });
    } else {
      await this.store.saveCall(e.callId, { ...this.newCall(e), ...transaction, state: 'queued' });
      this.emitArrival('arrived', e);
    }
    await this.distribute();
  }

  /**
   * The quick path of a new call: recorded first, then queued (and offered if someone is free). A crash in
   * between is repaired by Kamailio's snapshot on the next sync, which queues a call it holds and we do not.
   */
  private async firstArrival(
    e: Extract<KamailioArrival, { event: 'arrived' }>,
    hops: Omit<ArrivalHops, 'enqueuing'> | undefined,
  ): Promise<void> {
    // Sent to the call-events stream without waiting for Redis: the ACD step goes on meanwhile (call-events.ts).
    this.emitArrival('arrived', e, hops, () => this.hopTrace?.note(e.callId, { enqueued: hopNow() }));
    const call = { ...this.newCall(e), tindex: String(e.tindex), tlabel: String(e.tlabel) };
    const match = await this.store.arrive(e.callId, call);
    this.hopTrace?.note(e.callId, { stored: hopNow() });
    if (match) await this.distribute(match);
    else if (e.overflow === 1 && (await this.store.consoleCount()) === 0) this.overflowing.sendNow(e);
  }

  /** Busy, no answer or unregistered: that call-taker stops getting calls, the call goes back to its place. */
  private async requeue(
    sipCallId: string,
    tindex: number,
    tlabel: number,
    reason: string,
    at: string,
  ): Promise<void> {
    const call = await this.store.call(sipCallId);
    if (!call) return;
    if (call.agent) await this.callTakers.refused(call.agent, reason);
    await this.store.saveCall(sipCallId, {
      ...call,
      tindex: String(tindex),
      tlabel: String(tlabel),
      state: 'queued',
      agent: '',
    });
    this.sink.emit({ type: 'requeued', sipCallId, at, extension: call.agent || null, reason });
    await this.distribute();
  }

  /**
   * The media relay went down or came back. Desk phones keep taking calls (direct media); a browser phone
   * offered a call meanwhile is refused by Kamailio with no-media-relay and its call-taker made not ready.
   */
  private async mediaRelay(up: boolean): Promise<void> {
    await this.store.setMediaRelay(up);
    if (up) this.log.info('media relay answers');
    else this.log.error('media relay does not answer: browser call-takers cannot take calls');
  }

  /** Answered by the call-taker it was offered to, or by whichever fallback phone picked up. */
  private async answered(
    sipCallId: string,
    contact: string,
    fromTag: string,
    toTag: string,
    at: string,
  ): Promise<void> {
    const call = await this.store.call(sipCallId);
    const extension = call?.state === 'ringing' && call.agent ? call.agent : contact;
    if (call)
      await this.store.saveCall(sipCallId, { ...call, state: 'answered', agent: extension, fromTag, toTag });
    if (/^[0-9]{3,8}$/.test(extension)) await this.callTakers.onCall(extension, sipCallId);
    this.sink.emit({ type: 'answered', sipCallId, at, extension });
  }

  private async abandoned(
    sipCallId: string,
    caller: string,
    reason: AbandonReason,
    at: string,
  ): Promise<void> {
    const call = await this.store.forgetUnanswered(sipCallId);
    if (call?.state === 'answered') return;
    this.sink.emit({
      type: 'abandoned',
      sipCallId,
      at,
      // The identity read at arrival (P-Asserted-Identity from a trunk) over the CANCEL's From.
      callerNumber: call?.caller || caller,
      reason,
    });
    // A call-taker whose phone was ringing for it is free again, keeping their place in the idle order.
    if (call?.agent && call.state === 'ringing') {
      await this.callTakers.released(call.agent);
      await this.distribute();
    }
  }

  /** Kamailio could not resume a call we routed: lost with its transaction, or busy elsewhere (more follows). */
  private async gone(sipCallId: string, lost: boolean, at: string): Promise<void> {
    const call = await this.store.call(sipCallId);
    if (!call) return;
    this.log.warn({ sipCallId, lost, state: call.state }, 'Kamailio could not resume the call');
    if (lost) return this.abandoned(sipCallId, call.caller, 'lost', at);
    if (call.state === 'ringing' && call.agent) {
      await this.callTakers.released(call.agent);
      await this.store.saveCall(sipCallId, { ...call, state: 'fallback', agent: '' });
    }
  }

  /** An answered call ended; one we do not know (its end reported twice) is left alone. */
  private async ended(sipCallId: string, by: string, at: string): Promise<void> {
    const call = await this.store.call(sipCallId);
    if (!call) {
      this.log.debug({ sipCallId }, 'end of an unknown call ignored');
      return;
    }
    await this.store.forgetCall(sipCallId);
    const endedBy: CallEndedBy = by === 'caller' || by === 'call-taker' ? by : 'system';
    this.sink.emit({ type: 'ended', sipCallId, at, endedBy });
    if (call.agent && /^[0-9]{3,8}$/.test(call.agent)) await this.wrapUps.afterCall(call.agent);
    await this.distribute();
  }

  private newCall(e: KamailioArrival): AcdCall {
    return newAcdCall(e, this.trusted);
  }

  /** Records the arrival, then asks for its location by reference if it has one. */
  private emitArrival(
    type: 'arrived' | 'fallback',
    e: KamailioArrival,
    hops?: Omit<ArrivalHops, 'enqueuing'>,
    added?: () => void,
  ): void {
    const arrival = this.arrival(e);
    this.sink.emit(
      type === 'arrived'
        ? { type, ...arrival, ...(hops && { hops: { ...hops, enqueuing: hopNow() } }) }
        : { type, ...arrival, extension: null },
      added,
    );
    if (arrival.locationUri) this.references.request(e.callId, arrival.locationUri);
  }

  /** The console asked for the caller's location by reference again ("refresh location"). */
  locate(sipCallId: string, uri: string): void {
    this.references.request(sipCallId, uri);
  }

  private arrival(e: KamailioArrival) {
    return arrivalRecord(e, this.trusted);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/** The stamps a new call's arrival event carries up to call control's handling of it (call-hops.ts). */
function arrivalHops(
  e: Extract<KamailioEvent, { event: 'arrived' }>,
  received: number | undefined,
): Omit<ArrivalHops, 'enqueuing'> | undefined {
  if (received === undefined || !e.happenedAt) return undefined;
  return {
    invite: kamailioStamp(e.at),
    notified: kamailioStamp(e.happenedAt),
    received,
    handled: hopNow(),
  };
}
