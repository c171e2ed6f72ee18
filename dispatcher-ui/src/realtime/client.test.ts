import type { EventEnvelope } from '@hcm112/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { at, makeUnit } from '../test/factories.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { RealtimeClient } from './client.ts';

function envelope(seq: number): EventEnvelope {
  return { stream: 'units', seq, at: at(seq), event: { type: 'unit.updated', unit: makeUnit() } };
}

describe('realtime client', () => {
  let sockets: FakeSocket[];
  let client: RealtimeClient;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    client = new RealtimeClient({
      url: 'ws://test/ws',
      streams: ['units'],
      openSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      random: () => 0.5,
      backoff: { baseMs: 100, maxMs: 1000 },
    });
  });

  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  it('is live once subscribed and asks the screens to load the stream once', () => {
    const states: string[] = [];
    const resyncs: string[] = [];
    client.onState((s) => states.push(s));
    client.onResync((s) => resyncs.push(s));
    client.start();
    sockets[0]!.open();
    expect(sockets[0]!.sent[0]).toEqual({ type: 'subscribe', streams: ['units'], since: {} });
    sockets[0]!.receive({ type: 'subscribed', streams: ['units'], heads: { units: 7 } });
    expect(states).toEqual(['live']);
    expect(resyncs).toEqual(['units']);
  });

  it('reconnects after a drop and resubscribes from the last sequence it applied', () => {
    const seen: number[] = [];
    client.onEvent((e) => seen.push(e.seq));
    client.start();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'subscribed', streams: ['units'], heads: { units: 3 } });
    sockets[0]!.receive({ type: 'event', envelope: envelope(4) });
    sockets[0]!.receive({ type: 'event', envelope: envelope(5) });
    sockets[0]!.drop();
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(sockets[1]!.sent[0]).toEqual({ type: 'subscribe', streams: ['units'], since: { units: 5 } });
    // A replayed duplicate is not applied twice.
    sockets[1]!.receive({ type: 'event', envelope: envelope(5) });
    sockets[1]!.receive({ type: 'event', envelope: envelope(6) });
    expect(seen).toEqual([4, 5, 6]);
  });

  it('asks for a reload when the server cannot replay the gap', () => {
    const resyncs: string[] = [];
    client.start();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'subscribed', streams: ['units'], heads: { units: 1 } });
    client.onResync((s) => resyncs.push(s));
    sockets[0]!.receive({ type: 'resync-required', stream: 'units', head: 90 });
    expect(resyncs).toEqual(['units']);
    expect(client.lastSeq.units).toBe(90);
  });

  it('shows offline rather than reconnecting when the browser has no network', () => {
    const offline = new RealtimeClient({
      url: 'ws://test/ws',
      streams: ['units'],
      openSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      isOnline: () => false,
    });
    offline.start();
    sockets.at(-1)!.drop();
    expect(offline.state).toBe('offline');
    offline.stop();
  });
});
