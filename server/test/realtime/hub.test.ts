import type { EventEnvelope, Incident, ServerMessage } from '@hcm112/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { connectConsole } from '../../testing/console-client.ts';
import { createTestDatabase, type TestDatabase, uniqueRedisPrefix } from '../support/databases.ts';
import { type Client, login, makeUser, startTestServer } from '../support/server.ts';

let tdb: TestDatabase;
let a: RunningServer;
let b: RunningServer;
let ct: Client;
let dsp: Client;
beforeAll(async () => {
  tdb = await createTestDatabase({ city: true });
  // Two instances of the server on one database and one Redis prefix, as in production.
  const REDIS_PREFIX = uniqueRedisPrefix('rt');
  a = await startTestServer(tdb, { REDIS_PREFIX });
  b = await startTestServer(tdb, { REDIS_PREFIX });
  ct = await login(a.url, await makeUser(tdb.db, 'call-taker'));
  dsp = await login(a.url, await makeUser(tdb.db, 'dispatcher'));
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await tdb?.drop();
});

const events = (msgs: ServerMessage[]) =>
  msgs.flatMap((m) => (m.type === 'event' ? [m.envelope] : [])) as EventEnvelope[];

let n = 0;
async function openIncident(): Promise<Incident> {
  n += 1;
  const res = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: { type: 'other', subtype: 'other', location: { point: { lat: 10.6 + n * 0.02, lon: 106.6 } } },
  });
  return ((await res.json()) as { incident: Incident }).incident;
}

describe('realtime websocket', () => {
  it('refuses an anonymous socket at the handshake', async () => {
    await expect(connectConsole(a.url)).rejects.toThrow(/401/);
    await expect(connectConsole(a.url, 'not-a-session')).rejects.toThrow(/401/);
  });

  it('refuses the units stream to a call-taker and sends no unit events', async () => {
    const c = await connectConsole(a.url, ct.token);
    c.send({ type: 'subscribe', streams: ['units'] });
    const err = await c.waitFor((m) => m.type === 'error', 'error');
    expect(err).toMatchObject({ code: 'forbidden' });
    await c.close();
  });

  it('answers an invalid message with an error and keeps the socket usable', async () => {
    const c = await connectConsole(a.url, dsp.token);
    c.send('{not json');
    c.send({ type: 'subscribe', streams: ['nope'] });
    c.send({ type: 'ping', id: 7 });
    await c.waitFor((m) => m.type === 'pong', 'pong');
    expect(c.messages.filter((m) => m.type === 'error')).toHaveLength(2);
    await c.close();
  });

  it('delivers an incident created through one instance to a console on the other, with a sequence', async () => {
    const c = await connectConsole(b.url, dsp.token);
    c.send({ type: 'subscribe', streams: ['incidents'] });
    await c.waitFor((m) => m.type === 'subscribed', 'subscribed');
    const incident = await openIncident();
    const got = await c.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'incident.created' &&
        m.envelope.event.incident.id === incident.id,
      'incident.created',
    );
    expect(got.type === 'event' && got.envelope.seq).toBeGreaterThan(0);
    await c.close();
  });

  it('replays exactly the events missed while disconnected, in order, then live ones', async () => {
    const first = await connectConsole(a.url, dsp.token);
    first.send({ type: 'subscribe', streams: ['incidents'] });
    const sub = await first.waitFor((m) => m.type === 'subscribed', 'subscribed');
    const head = sub.type === 'subscribed' ? sub.heads.incidents! : 0;
    await first.close();

    const missed = [await openIncident(), await openIncident(), await openIncident()];
    const again = await connectConsole(b.url, dsp.token);
    again.send({ type: 'subscribe', streams: ['incidents'], since: { incidents: head } });
    await again.waitFor((m) => m.type === 'subscribed', 'subscribed');
    const live = await openIncident();
    await again.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'incident.created' &&
        m.envelope.event.incident.id === live.id,
      'live event',
    );
    const got = events(again.messages);
    const seqs = got.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs[0]).toBe(head + 1);
    const created = got.flatMap((e) => (e.event.type === 'incident.created' ? [e.event.incident.id] : []));
    expect(created).toEqual([...missed, live].map((i) => i.id));
    await again.close();
  });

  it('asks for a resync when the gap is older than the replay log', async () => {
    const c = await connectConsole(a.url, dsp.token);
    // Sequence 0 of a stream that has trimmed nothing is replayable; ask from before a trimmed start instead.
    await a.ctx.redis.xtrim(`${a.ctx.config.REDIS_PREFIX}:rt:log:incidents`, 'MAXLEN', 1);
    c.send({ type: 'subscribe', streams: ['incidents'], since: { incidents: 0 } });
    const msg = await c.waitFor((m) => m.type === 'resync-required', 'resync-required');
    expect(msg).toMatchObject({ stream: 'incidents' });
    await c.close();
  });
});
