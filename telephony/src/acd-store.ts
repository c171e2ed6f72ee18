// The ACD's state in Redis, laid out as shared/src/acd.ts says: waiting calls in arrival order, call-takers
// able to take one by idle time, one hash per call and per call-taker. Only this module writes it.
import { AcdAgentRecord, type AcdKeys, acdKeys, agentStateOf } from '@hcm112/shared';
import type { Redis } from 'ioredis';

/** A call call control is handling (all strings, as Redis keeps them). */
export interface AcdCall {
  tindex: string;
  tlabel: string;
  caller: string;
  /** Arrival in microseconds: the call's place in the queue. */
  arrivedUs: string;
  state: 'queued' | 'ringing' | 'answered' | 'fallback';
  /** Extension it rings at or was answered on, '' when none. */
  agent: string;
  fromTag: string;
  toTag: string;
}

export class AcdStore {
  readonly keys: AcdKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = acdKeys(prefix);
  }

  async call(sipCallId: string): Promise<AcdCall | undefined> {
    const h = await this.redis.hgetall(this.keys.call(sipCallId));
    return h.arrivedUs ? (h as unknown as AcdCall) : undefined;
  }

  /** Writes the call; `queued` calls are (re)placed in the queue at their arrival, others taken out. */
  async saveCall(sipCallId: string, call: AcdCall): Promise<void> {
    const tx = this.redis.multi().hset(this.keys.call(sipCallId), { ...call });
    if (call.state === 'queued') tx.zadd(this.keys.queue, Number(call.arrivedUs), sipCallId);
    else tx.zrem(this.keys.queue, sipCallId);
    await tx.exec();
  }

  async forgetCall(sipCallId: string): Promise<void> {
    await this.redis.multi().zrem(this.keys.queue, sipCallId).del(this.keys.call(sipCallId)).exec();
  }

  /** The longest-waiting call and the longest-idle available call-taker, when there are both. */
  async nextMatch(): Promise<{ sipCallId: string; extension: string } | undefined> {
    const [[, calls], [, agents]] = (await this.redis
      .multi()
      .zrange(this.keys.queue, 0, 0)
      .zrange(this.keys.ready, 0, 0)
      .exec()) as [[null, string[]], [null, string[]]];
    const sipCallId = calls[0];
    const extension = agents[0];
    return sipCallId && extension ? { sipCallId, extension } : undefined;
  }

  async agent(extension: string): Promise<AcdAgentRecord> {
    return AcdAgentRecord.parse(await this.redis.hgetall(this.keys.agent(extension)));
  }

  /**
   * Writes a call-taker's record and keeps the ready set true to it: present, scored by idle-since, exactly
   * when they want calls, their phone is registered and they are not on one.
   */
  async saveAgent(extension: string, record: AcdAgentRecord): Promise<void> {
    const tx = this.redis.multi().hset(this.keys.agent(extension), { ...record });
    if (agentStateOf(record) === 'ready') tx.zadd(this.keys.ready, Number(record.idleSince), extension);
    else tx.zrem(this.keys.ready, extension);
    await tx.exec();
  }
}
