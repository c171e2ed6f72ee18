// Locations by reference fetched beside the ACD, never in its line: a HELD answer (or why there is none) is sent
// to the server as a `located` call event, after the call's arrival.
import type { Logger } from 'pino';
import type { CallEventSink } from './call-events.ts';
import type { HeldClient } from './held.ts';

export class ReferenceLocations {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly held: HeldClient,
    private readonly sink: CallEventSink,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Starts a dereference and returns at once: the ACD's next event is not held up by a slow location server. */
  request(sipCallId: string, uri: string): void {
    const run = this.locate(sipCallId, uri).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  private async locate(sipCallId: string, uri: string): Promise<void> {
    const result = await this.held.locate(uri);
    if (result.problem)
      this.log.warn({ sipCallId, problem: result.problem }, 'location by reference unusable');
    this.sink.emit({
      type: 'located',
      sipCallId,
      at: this.clock().toISOString(),
      source: 'held',
      locations: result.locations.slice(0, 10),
      problem: result.problem?.slice(0, 300) ?? null,
      raw: result.raw,
    });
  }

  /** On shutdown: lets the dereferences under way finish (each is bounded by its timeout and retries). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
