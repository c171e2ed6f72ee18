// The hop trace's writer (HOP_TRACE, call-hops.ts): stamps gathered in memory and pushed to the trace list in one
// command every FLUSH_MS, so tracing adds no Redis round trip to a call's path. Off, it does nothing. Node only:
// imported as `@hcm112/shared/hop-trace`.
import { type HopName, hopTraceKey } from '../call-hops.ts';

const FLUSH_MS = 200;

/** The one Redis command this needs; an ioredis client is one. */
export interface HopTraceRedis {
  rpush(key: string, ...values: string[]): Promise<number>;
}

export class HopTrace {
  private pending: string[] = [];
  private readonly timer?: NodeJS.Timeout;
  private readonly key: string;

  constructor(
    private readonly redis: HopTraceRedis,
    prefix: string,
    readonly enabled: boolean,
    private readonly onError: (err: unknown) => void,
  ) {
    this.key = hopTraceKey(prefix);
    if (enabled) {
      this.timer = setInterval(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Notes some of a call's stamps (merged with its others by whoever reads the list). */
  note(sipCallId: string, hops: Partial<Record<HopName, number>>): void {
    if (this.enabled) this.pending.push(JSON.stringify({ sipCallId, hops }));
  }

  /** Pushes what was noted; a failure is reported, never thrown: the trace never holds a call back. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.redis.rpush(this.key, ...batch);
    } catch (err) {
      this.onError(err);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
