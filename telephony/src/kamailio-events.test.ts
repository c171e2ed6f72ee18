import { describe, expect, it } from 'vitest';
import { happenedAt, KamailioEvent, kamailioMicros } from './kamailio-events.ts';

describe("Kamailio's events", () => {
  it('reads an absent header, written by Kamailio as <null>, as empty', () => {
    const parsed = KamailioEvent.parse({
      event: 'arrived',
      callId: 'abc@127.0.0.1',
      caller: '0901234567',
      dialed: '112',
      at: '1795589040.893109',
      geolocation: '<null>',
      contentType: 'application/sdp',
      body: 'v=0',
      tindex: 14946,
      tlabel: 1249780619,
      seq: 2,
    });
    expect(parsed).toMatchObject({ event: 'arrived', geolocation: '', caller: '0901234567' });
  });

  it('reads a text to 112 with no overflow destination as an empty one, and refuses one without its sender', () => {
    const text = KamailioEvent.parse({
      event: 'text',
      callId: 'msg-1@127.0.0.1',
      from: 'sip:0907000111@127.0.0.1:5090',
      dialed: '112',
      source: '127.0.0.1',
      body: 'Tôi không nói được',
      overflowTo: '',
      seq: 4,
    });
    expect(text).toMatchObject({ event: 'text', body: 'Tôi không nói được', overflowTo: '' });
    expect(KamailioEvent.safeParse({ event: 'text', callId: 'm', dialed: '112', seq: 5 }).success).toBe(
      false,
    );
  });

  it('refuses an event it does not know or one missing its transaction', () => {
    expect(KamailioEvent.safeParse({ event: 'surprise' }).success).toBe(false);
    expect(KamailioEvent.safeParse({ event: 'requeue', callId: 'a', reason: '486', seq: 1 }).success).toBe(
      false,
    );
  });

  it('reads a registration kept from a Kamailio that did not say whether a device was replaced as not replaced', () => {
    const kept = KamailioEvent.parse({ event: 'registration', extension: '1001', registered: 1, seq: 3 });
    expect(kept).toMatchObject({ event: 'registration', replaced: 0 });
    const replaced = KamailioEvent.parse({
      event: 'registration',
      extension: '1001',
      registered: 1,
      replaced: 1,
      seq: 4,
    });
    expect(replaced).toMatchObject({ replaced: 1 });
  });

  it("dates an event by Kamailio's stamp of when it happened, not by when it reached call control", () => {
    const replayedAt = new Date('2026-12-06T20:00:30.000Z');
    const held = KamailioEvent.parse({
      event: 'answered',
      callId: 'a',
      contact: '1001',
      fromTag: 'f',
      toTag: 't',
      seq: 7,
      happenedAt: '1796587211.500250',
    });
    expect(happenedAt(held, replayedAt)).toBe('2026-12-06T20:00:11.500Z');
    const unstamped = KamailioEvent.parse({ event: 'ended', callId: 'a', by: 'caller', seq: 8 });
    expect(happenedAt(unstamped, replayedAt)).toBe(replayedAt.toISOString());
  });

  it('turns "seconds.microseconds" into microseconds that keep arrival order', () => {
    expect(kamailioMicros('1795589040.893109')).toBe(1_795_589_040_893_109);
    expect(kamailioMicros('1795589040.9')).toBe(1_795_589_040_900_000);
    expect(kamailioMicros('1795589040.000002')).toBeGreaterThan(kamailioMicros('1795589040.000001'));
  });
});
