import { describe, expect, it } from 'vitest';
import { EventOrder } from './event-order.ts';
import type { KamailioEvent } from './kamailio-events.ts';

const ended = (seq: number): KamailioEvent => ({ event: 'ended', callId: `c${seq}`, by: 'caller', seq });
const snapshot: KamailioEvent = {
  event: 'queued',
  callId: 'q',
  caller: '0901',
  from: '',
  pai: '',
  privacy: '',
  source: '',
  dialed: '112',
  at: '1.000001',
  geolocation: '',
  contentType: '',
  body: '',
  overflow: 0,
  tindex: 1,
  tlabel: 2,
};

describe('event order around a sync', () => {
  it('passes events straight through outside a sync', () => {
    expect(new EventOrder().accept(ended(5))).toEqual([ended(5)]);
  });

  it('holds events until sync-done, then applies them by number with the snapshots last', () => {
    const order = new EventOrder();
    order.beginSync();
    expect(order.accept(ended(9))).toEqual([]);
    expect(order.accept(snapshot)).toEqual([]);
    expect(order.accept(ended(3))).toEqual([]);
    expect(order.accept({ event: 'sync-done' })).toEqual([
      ended(3),
      ended(9),
      snapshot,
      { event: 'sync-done' },
    ]);
    expect(order.accept(ended(10))).toEqual([ended(10)]);
  });

  it("applies an earlier run of Kamailio's kept events before the current run's, each by number", () => {
    const order = new EventOrder();
    order.beginSync();
    const endedIn =
      (boot: string) =>
      (seq: number): KamailioEvent => ({ event: 'ended', callId: `c${seq}`, by: 'caller', seq, boot });
    const earlier = endedIn('1700000000.000100');
    const current = endedIn('1700000050.000001');
    for (const e of [current(1), earlier(7), current(2), earlier(3)]) expect(order.accept(e)).toEqual([]);
    expect(order.accept({ event: 'sync-done' })).toEqual([
      earlier(3),
      earlier(7),
      current(1),
      current(2),
      { event: 'sync-done' },
    ]);
  });

  it("applies the media relay's state after the numbered events when the sync sent it unnumbered", () => {
    const order = new EventOrder();
    order.beginSync();
    const relayState: KamailioEvent = { event: 'media-relay', up: 0 };
    const relayChange: KamailioEvent = { event: 'media-relay', up: 1, seq: 4 };
    expect(order.accept(relayState)).toEqual([]);
    expect(order.accept(relayChange)).toEqual([]);
    expect(order.accept({ event: 'sync-done' })).toEqual([relayChange, relayState, { event: 'sync-done' }]);
  });
});
