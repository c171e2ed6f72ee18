// Applies one call event, waiting out a PostgreSQL outage in place. A failed BullMQ job is delayed and the
// next job of its queue runs meanwhile, so retrying through BullMQ would let a call's later event (ended)
// be recorded before an earlier one (answered) and then be overwritten by it. Holding the job keeps the
// shard's order; every event of the shard needs PostgreSQL anyway.
import { isDatabaseUnavailable } from '../db/database.ts';

export interface RetryOptions {
  /** First pause after a failure; doubles up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Other errors are retried in place this many times, then left to BullMQ's own retries. */
  otherAttempts?: number;
  /** True once the worker is closing: the job fails now and BullMQ retries it (here or elsewhere). */
  stopping?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (err: unknown, attempt: number) => void;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function applyInOrder<T>(apply: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { firstDelayMs = 200, maxDelayMs = 5000, otherAttempts = 3, sleep = pause } = options;
  let delay = firstDelayMs;
  let others = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await apply();
    } catch (err) {
      if (!isDatabaseUnavailable(err)) {
        others += 1;
        if (others >= otherAttempts) throw err;
      }
      if (options.stopping?.()) throw err;
      options.onRetry?.(err, attempt);
      await sleep(delay);
      delay = Math.min(maxDelayMs, delay * 2);
    }
  }
}
