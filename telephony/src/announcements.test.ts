import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { type AnnouncementSettings, Announcements, type Timers } from './announcements.ts';
import type { KamailioEvent } from './kamailio-events.ts';

/** Timers that run when the test moves the clock. */
function manualTimers() {
  let now = 1_000_000;
  let next = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    set: (fn, ms) => {
      next += 1;
      due.set(next, { at: now + Math.max(0, ms), fn });
      return next as unknown as NodeJS.Timeout;
    },
    clear: (t) => {
      due.delete(t as unknown as number);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const [id, first] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (!first || id === undefined || first.at > until) break;
      due.delete(id);
      now = first.at;
      first.fn();
    }
    now = until;
  };
  return { timers, advance, now: () => now };
}

const settings: AnnouncementSettings = {
  afterMs: 10_000,
  everyMs: 20_000,
  messages: [
    { file: '/m/vi.wav', durationMs: 3000 },
    { file: '/m/en.wav', durationMs: 4000 },
  ],
  ringback: '/m/ringback.wav',
};

function setUp() {
  const clock = manualTimers();
  const sent: Record<string, unknown>[] = [];
  // What the service logs at warn and above, as pino writes it.
  const logged: { level: number; msg: string }[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const announcements = new Announcements(
    settings,
    (c) => {
      sent.push(c);
      return true;
    },
    async (callId, fromTag) => `v=0 answer for ${callId} ${fromTag}`,
    log,
    clock.timers,
  );
  const arrived = (callId: string, tindex = 1): KamailioEvent => ({
    event: 'arrived',
    callId,
    caller: '0901',
    from: '',
    pai: '',
    privacy: '',
    source: '',
    dialed: '112',
    at: `${Math.floor(clock.now() / 1000)}.${String((clock.now() % 1000) * 1000).padStart(6, '0')}`,
    geolocation: '',
    contentType: '',
    body: '',
    overflow: 0,
    tindex,
    tlabel: 7,
    seq: 1,
    first: 1,
  });
  return { clock, sent, announcements, arrived, logged };
}

describe('announcements', () => {
  it('asks Kamailio for early media once the call has waited the configured time, not before', () => {
    const { clock, sent, announcements, arrived } = setUp();
    announcements.observe(arrived('c1'));
    clock.advance(9_999);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent).toEqual([{ cmd: 'announce', tindex: 1, tlabel: 7, callId: 'c1' }]);
  });

  it("sends Kamailio the relay's answer for the 183 once Kamailio offered the caller's SDP", async () => {
    const { clock, sent, announcements, arrived } = setUp();
    announcements.observe(arrived('c1'));
    clock.advance(10_000);
    announcements.observe({
      event: 'announce-offered',
      callId: 'c1',
      fromTag: 'ft1',
      tindex: 1,
      tlabel: 7,
      seq: 2,
    });
    await new Promise((done) => setImmediate(done));
    expect(sent.at(-1)).toEqual({
      cmd: 'early-media',
      tindex: 1,
      tlabel: 7,
      callId: 'c1',
      sdp: 'v=0 answer for c1 ft1',
    });
  });

  it('sends no 183 for a call offered to a call-taker while the relay answered', async () => {
    const { clock, sent, announcements, arrived } = setUp();
    announcements.observe(arrived('c1'));
    clock.advance(10_000);
    announcements.observe({
      event: 'announce-offered',
      callId: 'c1',
      fromTag: 'ft1',
      tindex: 1,
      tlabel: 7,
      seq: 2,
    });
    announcements.offered('c1');
    await new Promise((done) => setImmediate(done));
    expect(sent.filter((c) => c.cmd === 'early-media')).toEqual([]);
  });

  it('plays Vietnamese, English, then ringback, and again every interval', () => {
    const { clock, sent, announcements, arrived } = setUp();
    announcements.observe(arrived('c1'));
    clock.advance(10_000);
    announcements.observe({ event: 'announced', callId: 'c1', ok: 1, seq: 2 });
    clock.advance(7_000);
    const files = () => sent.filter((c) => c.cmd === 'play').map((c) => c.file);
    expect(files()).toEqual(['/m/vi.wav', '/m/en.wav', '/m/ringback.wav']);
    clock.advance(13_000);
    expect(files().slice(3)).toEqual(['/m/vi.wav']);
  });

  it('stops the messages when the call is offered, playing ringback while the phone rings', () => {
    const { clock, sent, announcements, arrived } = setUp();
    announcements.observe(arrived('c1'));
    clock.advance(10_000);
    announcements.observe({ event: 'announced', callId: 'c1', ok: 1, seq: 2 });
    clock.advance(1_000);
    announcements.offered('c1');
    const before = sent.length;
    clock.advance(60_000);
    expect(sent.at(before - 1)).toEqual({ cmd: 'play', callId: 'c1', file: '/m/ringback.wav' });
    expect(sent.length).toBe(before);
  });

  it('never announces a call offered or answered before the wait', () => {
    const { clock, sent, announcements, arrived } = setUp();
    announcements.observe(arrived('c1'));
    announcements.offered('c1');
    announcements.observe({ event: 'answered', callId: 'c1', contact: '', fromTag: '', toTag: '', seq: 2 });
    clock.advance(60_000);
    expect(sent).toEqual([]);
  });

  it('lets callers wait with ringback when the relay gives no early media, saying so once, not per caller', () => {
    const { clock, sent, announcements, arrived, logged } = setUp();
    for (const callId of ['c1', 'c2', 'c3']) announcements.observe(arrived(callId));
    clock.advance(10_000);
    for (const callId of ['c1', 'c2', 'c3'])
      announcements.observe({ event: 'announced', callId, ok: 0, seq: 3 });
    clock.advance(60_000);
    // No message is played to anyone: the callers hear their phones' ringback.
    expect(sent.filter((c) => c.cmd === 'play')).toEqual([]);
    expect(logged.map((l) => l.msg)).toEqual([
      'announcements skipped (no early media from the media relay): callers hear ringback',
    ]);
  });
});
