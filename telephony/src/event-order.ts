// Puts Kamailio's events in order around a sync: what Kamailio kept while no controller was connected (some
// perhaps by an earlier run of Kamailio), what happened meanwhile, and its snapshot of the calls it holds arrive
// interleaved; they are applied by run and number, snapshots last, once Kamailio says the sync is done.
import { type KamailioEvent, kamailioMicros } from './kamailio-events.ts';

export class EventOrder {
  private syncing = false;
  private held: KamailioEvent[] = [];

  /** From now until "sync-done", events are held back. */
  beginSync(): void {
    this.syncing = true;
    this.held = [];
  }

  /** The events to apply now, in order. */
  accept(event: KamailioEvent): KamailioEvent[] {
    if (!this.syncing) return [event];
    if (event.event !== 'sync-done') {
      this.held.push(event);
      return [];
    }
    this.syncing = false;
    const numbered = this.held
      .filter((e) => 'seq' in e && e.seq !== undefined)
      .sort((a, b) => bootOf(a) - bootOf(b) || seqOf(a) - seqOf(b));
    const snapshots = this.held.filter((e) => !('seq' in e) || e.seq === undefined);
    this.held = [];
    return [...numbered, ...snapshots, event];
  }
}

const seqOf = (e: KamailioEvent) => ('seq' in e ? (e.seq ?? 0) : 0);
/** Runs of Kamailio in the order they started; an event that names none is of the current run. */
const bootOf = (e: KamailioEvent) =>
  'boot' in e && e.boot ? kamailioMicros(e.boot) : Number.MAX_SAFE_INTEGER;
