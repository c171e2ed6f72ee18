// Runs tasks one at a time in the order given: Kamailio's events and the console's commands change the same
// ACD state, and each must see the previous one's result.
import type { Logger } from 'pino';

export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly log: Logger) {}

  /** Runs `task` after those before it; the caller gets its result or error. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Runs `task` after those before it; a failure is logged, never thrown. */
  enqueue(what: string, task: () => Promise<unknown>): void {
    this.run(task).catch((err: unknown) => this.log.error({ err, what }, 'call control task failed'));
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
