// The leader lock: of several call-control instances only the holder of a Redis key with an expiry connects to
// Kamailio and routes calls (evapi broadcasts every event to every client). The others poll and take over
// when the holder stops renewing it.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

// Renew or release only a lock we still own.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LeadershipHandlers {
  elected(): Promise<void>;
  /** After each successful renewal: refresh whatever lives as long as the lock. */
  renewed(): Promise<void>;
  deposed(): Promise<void>;
}

export class LeaderLease {
  private timer?: NodeJS.Timeout;
  private leading = false;
  /** Until when (monotonic ms) our last successful renewal lets us act as leader. */
  private validUntil = 0;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly instance: string,
    private readonly ttlMs: number,
    private readonly log: Logger,
    private readonly handlers: LeadershipHandlers,
  ) {}

  start(): void {
    const tick = () => {
      this.ticking = this.ticking
        .then(() => this.tick())
        .catch((err: unknown) => {
          this.log.error({ err }, 'leader lock check failed');
        });
    };
    tick();
    this.timer = setInterval(tick, Math.max(100, Math.floor(this.ttlMs / 3)));
  }

  /**
   * True while our lock is certainly still ours: a renewal succeeded less than a TTL ago, with a margin for
   * clock drift. A paused process that resumes after its lock expired sees false before it routes anything.
   */
  holds(): boolean {
    return this.leading && performance.now() < this.validUntil;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    if (this.leading) {
      this.leading = false;
      await this.handlers.deposed();
      await this.redis.eval(RELEASE, 1, this.key, this.instance);
    }
  }

  private async tick(): Promise<void> {
    const started = performance.now();
    if (this.leading) {
      const renewed = Number(await this.redis.eval(RENEW, 1, this.key, this.instance, this.ttlMs));
      if (renewed === 1) {
        this.validUntil = started + this.ttlMs * 0.8;
        await this.handlers.renewed();
        return;
      }
      this.leading = false;
      this.log.warn('leader lock lost');
      await this.handlers.deposed();
      return;
    }
    const taken = await this.redis.set(this.key, this.instance, 'PX', this.ttlMs, 'NX');
    if (taken !== 'OK') return;
    this.leading = true;
    this.validUntil = started + this.ttlMs * 0.8;
    this.log.info('leader lock taken');
    await this.handlers.elected();
  }
}
