// Automatic call distribution: waiting calls in arrival order and ready call-takers by idle time, both in
// Redis (so a restarted call control continues where it was), matched longest-waiting to longest-idle.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CallEventSink } from './call-events.ts';
import type { EvapiEvent } from './evapi-client.ts';
import { parsePidfLo } from './pidf.ts';

/** Sends a command to Kamailio; false when it is not connected. */
export type KamailioCommand = (command: Record<string, unknown>) => boolean;

interface WaitingCall {
  tindex: string;
  tlabel: string;
  caller: string;
  arrivedMs: string;
  agent?: string;
  state: 'queued' | 'ringing' | 'answered';
  byeFrom?: string;
}

// Kamailio renders an absent header as "<null>".
const str = (v: unknown) =>
  typeof v === 'string' ? (v === '<null>' ? '' : v) : typeof v === 'number' ? String(v) : '';

export class Acd {
  private readonly k: {
    queue: string;
    ready: string;
    call: (id: string) => string;
    agent: (ext: string) => string;
  };

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly sink: CallEventSink,
    private readonly kamailio: KamailioCommand,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.k = {
      queue: `${prefix}:acd:queue`,
      ready: `${prefix}:acd:ready`,
      call: (id) => `${prefix}:acd:call:${id}`,
      agent: (ext) => `${prefix}:acd:agent:${ext}`,
    };
  }

  async handle(e: EvapiEvent): Promise<void> {
    const callId = str(e.callId);
    switch (e.event) {
      case 'arrived':
        return this.arrived(callId, e);
      case 'requeue':
        return this.requeue(callId, str(e.tindex), str(e.tlabel), str(e.reason));
      case 'answered':
        return this.answered(callId);
      case 'cancel':
        return this.abandoned(callId, str(e.caller));
      case 'bye':
        await this.redis.hset(this.k.call(callId), 'byeFrom', str(e.fromUser));
        return;
      case 'ended':
        return this.ended(callId);
      case 'fallback':
        await this.sink.emit({
          type: 'fallback',
          sipCallId: callId,
          at: new Date(Number(e.at) * 1000).toISOString(),
          callerNumber: str(e.caller),
          dialedNumber: str(e.dialed),
          extension: null,
        });
        return;
      default:
        this.log.warn({ event: e.event }, 'unknown evapi event');
    }
  }

  async setReady(ext: string, ready: boolean): Promise<void> {
    const now = this.clock().getTime();
    if (ready) {
      await this.redis
        .multi()
        .zadd(this.k.ready, 'NX', now, ext)
        .hset(this.k.agent(ext), { state: 'ready', since: now })
        .exec();
      await this.distribute();
    } else {
      await this.redis
        .multi()
        .zrem(this.k.ready, ext)
        .hset(this.k.agent(ext), { state: 'not-ready', since: now })
        .exec();
    }
  }

  /** Offers waiting calls to ready call-takers while there are both. */
  async distribute(): Promise<void> {
    for (;;) {
      const [callId] = await this.redis.zrange(this.k.queue, 0, 0);
      const [ext] = await this.redis.zrange(this.k.ready, 0, 0);
      if (!callId || !ext) return;
      const call = (await this.redis.hgetall(this.k.call(callId))) as unknown as WaitingCall;
      await this.redis
        .multi()
        .zrem(this.k.queue, callId)
        .zrem(this.k.ready, ext)
        .hset(this.k.call(callId), { state: 'ringing', agent: ext })
        .hset(this.k.agent(ext), { state: 'ringing', callId })
        .exec();
      const sent = this.kamailio({
        cmd: 'route',
        tindex: Number(call.tindex),
        tlabel: Number(call.tlabel),
        target: ext,
      });
      if (!sent) {
        // Kamailio went away: put both back as they were and wait for the reconnection.
        await this.redis
          .multi()
          .zadd(this.k.queue, Number(call.arrivedMs), callId)
          .zadd(this.k.ready, this.clock().getTime(), ext)
          .exec();
        return;
      }
      await this.sink.emit({
        type: 'offered',
        sipCallId: callId,
        at: this.clock().toISOString(),
        extension: ext,
      });
    }
  }

  private async arrived(callId: string, e: EvapiEvent): Promise<void> {
    const now = this.clock();
    const location = parsePidfLo(str(e.body));
    const geolocation = str(e.geolocation);
    const raw =
      location || geolocation ? [geolocation, location ? str(e.body) : ''].filter(Boolean).join('\n') : '';
    await this.redis
      .multi()
      .hset(this.k.call(callId), {
        tindex: str(e.tindex),
        tlabel: str(e.tlabel),
        caller: str(e.caller),
        arrivedMs: now.getTime(),
        state: 'queued',
      })
      .zadd(this.k.queue, now.getTime(), callId)
      .exec();
    await this.sink.emit({
      type: 'arrived',
      sipCallId: callId,
      at: now.toISOString(),
      callerNumber: str(e.caller),
      dialedNumber: str(e.dialed),
      location,
      locationRaw: raw ? raw.slice(0, 70_000) : null,
    });
    await this.distribute();
  }

  /** Busy, no answer or unregistered: that call-taker is made not ready, the call goes back to its place. */
  private async requeue(callId: string, tindex: string, tlabel: string, reason: string): Promise<void> {
    const call = (await this.redis.hgetall(this.k.call(callId))) as unknown as WaitingCall;
    if (!call.arrivedMs) return;
    if (call.agent) await this.setReady(call.agent, false);
    await this.redis
      .multi()
      .hset(this.k.call(callId), { tindex, tlabel, state: 'queued' })
      .hdel(this.k.call(callId), 'agent')
      .zadd(this.k.queue, Number(call.arrivedMs), callId)
      .exec();
    await this.sink.emit({
      type: 'requeued',
      sipCallId: callId,
      at: this.clock().toISOString(),
      extension: call.agent ?? null,
      reason,
    });
    await this.distribute();
  }

  /** The call-taker it was delivered to answered; calls the fallback phone took have no ACD record. */
  private async answered(callId: string): Promise<void> {
    const ext = await this.redis.hget(this.k.call(callId), 'agent');
    if (!ext) return;
    await this.redis
      .multi()
      .hset(this.k.call(callId), { state: 'answered' })
      .hset(this.k.agent(ext), { state: 'on-call', callId })
      .exec();
    await this.sink.emit({
      type: 'answered',
      sipCallId: callId,
      at: this.clock().toISOString(),
      extension: ext,
    });
  }

  private async abandoned(callId: string, caller: string): Promise<void> {
    const call = (await this.redis.hgetall(this.k.call(callId))) as unknown as WaitingCall;
    if (call.state === 'answered') return;
    await this.redis.multi().zrem(this.k.queue, callId).del(this.k.call(callId)).exec();
    // A call-taker whose phone was ringing for it is free again, keeping their place in the idle order.
    if (call.agent) await this.setReady(call.agent, true);
    await this.sink.emit({
      type: 'abandoned',
      sipCallId: callId,
      at: this.clock().toISOString(),
      callerNumber: caller || call.caller,
    });
  }

  private async ended(callId: string): Promise<void> {
    const call = (await this.redis.hgetall(this.k.call(callId))) as unknown as WaitingCall;
    await this.redis.del(this.k.call(callId));
    const endedBy =
      call.byeFrom && call.byeFrom === call.caller ? 'caller' : call.byeFrom ? 'call-taker' : 'system';
    await this.sink.emit({ type: 'ended', sipCallId: callId, at: this.clock().toISOString(), endedBy });
    if (call.agent) await this.setReady(call.agent, true);
  }
}
