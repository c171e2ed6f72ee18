// Text to 112 over HTTP: the public web chat (validation naming the field, the token binding, the limits), the
// call-taker's routes and roles, SIP texts handed over as call control does, the realtime events, the audit
// of every message, and the transcript kept with an incident.
import {
  type Incident,
  type TextMessage,
  type TextSession,
  TEXT_IN_QUEUE,
  TEXT_MAX_CHARS,
  type SipTextIn,
} from '@hcm112/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({
  city: true,
  env: { TEXT112_SESSIONS_PER_IP: '50', TEXT112_MESSAGES_PER_10S: '3' },
});
let ct: Client;
let ct2: Client;
let dsp: Client;
beforeAll(async () => {
  [ct, ct2, dsp] = await stack.loginEach('call-taker', 'call-taker', 'dispatcher');
});

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

function citizenPost(path: string, body: unknown, token?: string) {
  return fetch(`${stack.server.url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-text112-token': token } : {}) },
    body: JSON.stringify(body),
  });
}

async function startChat(text = 'Có trộm trong nhà, tôi không nói được') {
  return json<{ session: TextSession; token: string }>(
    await citizenPost('/text112/sessions', { text, citizen: '0901234567', language: 'vi' }),
    201,
  );
}

describe('the public web chat', () => {
  it('refuses an empty or too long message with 400 naming the field', async () => {
    const empty = await json<{ error: { fields: Record<string, string> } }>(
      await citizenPost('/text112/sessions', { text: '  ' }),
      400,
    );
    expect(Object.keys(empty.error.fields)).toEqual(['text']);
    const long = await json<{ error: { fields: Record<string, string> } }>(
      await citizenPost('/text112/sessions', { text: 'x'.repeat(TEXT_MAX_CHARS + 1) }),
      400,
    );
    expect(long.error.fields.text).toContain(`${TEXT_MAX_CHARS}`);
    const extra = await citizenPost('/text112/sessions', { text: 'hi', admin: true });
    expect(extra.status).toBe(400);
  });

  it('refuses a body over 4 KB with 413', async () => {
    const res = await citizenPost('/text112/sessions', { text: 'x', citizen: 'y'.repeat(5000) });
    expect(res.status).toBe(413);
  });

  it('starts a queued session, tells the citizen no call-taker is logged in, and binds it to its token', async () => {
    const { session, token } = await startChat();
    expect(session.state).toBe('queued');
    const transcript = await json<{ messages: TextMessage[] }>(
      await fetch(`${stack.server.url}/api/text112/sessions/${session.id}`, {
        headers: { 'x-text112-token': token },
      }),
    );
    expect(transcript.messages.map((m) => m.sender)).toEqual(['citizen', 'system']);
    expect(transcript.messages[1]!.text).toContain('No call-taker is available yet');
    const stranger = await citizenPost(
      `/text112/sessions/${session.id}/messages`,
      { text: 'hi' },
      'not-the-token',
    );
    expect(stranger.status).toBe(401);
    const none = await citizenPost(`/text112/sessions/${session.id}/messages`, { text: 'hi' });
    expect(none.status).toBe(401);
  });

  it('refuses messages sent too fast with 429 and a reason', async () => {
    const { session, token } = await startChat();
    for (let i = 0; i < 3; i += 1)
      await json(
        await citizenPost(`/text112/sessions/${session.id}/messages`, { text: `m${i}` }, token),
        201,
      );
    const refused = await json<{ error: { message: string } }>(
      await citizenPost(`/text112/sessions/${session.id}/messages`, { text: 'again' }, token),
      429,
    );
    expect(refused.error.message).toContain('too many messages');
  });

  it('serves the chat page without login', async () => {
    const res = await fetch(`${stack.server.url}/text112/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('chat.js');
  });
});

describe("the call-taker's text sessions", () => {
  it('needs a login and the call-taker role to take, reply, close or link', async () => {
    const { session } = await startChat();
    expect((await fetch(`${stack.server.url}/api/text-sessions`)).status).toBe(401);
    expect((await dsp.fetch('/api/text-sessions')).status).toBe(200);
    const take = await dsp.fetch(`/api/text-sessions/${session.id}/take`, { method: 'POST', json: {} });
    expect(take.status).toBe(403);
    const badId = await json<{ error: { fields: Record<string, string> } }>(
      await ct.fetch('/api/text-sessions/nope/take', { method: 'POST', json: {} }),
      400,
    );
    expect(Object.keys(badId.error.fields)).toEqual(['id']);
  });

  it('offers the session, lets one call-taker take it and converse, and pushes every message', async () => {
    const desk = await stack.subscribe(ct, ['calls']);
    const { session, token } = await startChat('Help, I am hiding');
    await desk.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'text.session' &&
        m.envelope.event.session.id === session.id,
      'session on the console',
    );
    const { sessions } = await json<{ sessions: TextSession[] }>(await ct.fetch('/api/text-sessions'));
    expect(sessions.find((s) => s.id === session.id)?.state).toBe('queued');

    const taken = await json<{ session: TextSession }>(
      await ct.fetch(`/api/text-sessions/${session.id}/take`, { method: 'POST', json: {} }),
    );
    expect(taken.session.state).toBe('active');
    const again = await ct2.fetch(`/api/text-sessions/${session.id}/take`, { method: 'POST', json: {} });
    expect(again.status).toBe(409);
    const notHers = await ct2.fetch(`/api/text-sessions/${session.id}/messages`, {
      method: 'POST',
      json: { text: 'hello' },
    });
    expect(notHers.status).toBe(403);
    const noText = await json<{ error: { fields: Record<string, string> } }>(
      await ct.fetch(`/api/text-sessions/${session.id}/messages`, { method: 'POST', json: { txt: 'x' } }),
      400,
    );
    expect(Object.keys(noText.error.fields)).toContain('text');

    await json(
      await ct.fetch(`/api/text-sessions/${session.id}/messages`, {
        method: 'POST',
        json: { text: 'Where are you? / Bạn ở đâu?' },
      }),
      201,
    );
    await json(
      await citizenPost(`/text112/sessions/${session.id}/messages`, { text: '12 Lê Lợi' }, token),
      201,
    );
    await desk.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'text.message' &&
        m.envelope.event.message.text === '12 Lê Lợi',
      'citizen reply on the console',
    );
    const audit = await listAudit(stack.tdb.db, {
      targetType: 'text-session',
      targetId: session.id,
      limit: 50,
    });
    // The citizen's two, the call-taker's reply, and the notice that no call-taker was logged in yet.
    const senders = audit
      .filter((a) => a.action === 'text.message')
      .map((a) => (a.after as { sender: string }).sender);
    expect(senders.sort()).toEqual(['call-taker', 'citizen', 'citizen', 'system']);
    expect(audit.map((a) => a.action)).toContain('text.take');
  });

  it('keeps the transcript with the incident opened from the session', async () => {
    const { session } = await startChat('Cháy nhà, tôi bị điếc');
    await json(await ct.fetch(`/api/text-sessions/${session.id}/take`, { method: 'POST', json: {} }));
    await json(
      await ct.fetch(`/api/text-sessions/${session.id}/messages`, {
        method: 'POST',
        json: { text: 'Địa chỉ?' },
      }),
      201,
    );
    const { incident } = await json<{ incident: Incident }>(
      await ct.fetch('/api/incidents', {
        method: 'POST',
        json: { type: 'fire', subtype: 'structure-fire', location: { point: { lat: 10.78, lon: 106.7 } } },
      }),
      201,
    );
    const noIncident = await json<{ error: { fields: Record<string, string> } }>(
      await ct.fetch(`/api/text-sessions/${session.id}/incident`, {
        method: 'POST',
        json: { incidentId: 'x' },
      }),
      400,
    );
    expect(Object.keys(noIncident.error.fields)).toEqual(['incidentId']);
    await json(
      await ct.fetch(`/api/text-sessions/${session.id}/incident`, {
        method: 'POST',
        json: { incidentId: incident.id },
      }),
    );
    const withTexts = await json<{ sessions: { messages: TextMessage[] }[] }>(
      await dsp.fetch(`/api/incidents/${incident.id}/text-sessions`),
    );
    expect(withTexts.sessions[0]!.messages.map((m) => m.text)).toContain('Cháy nhà, tôi bị điếc');
    const { incident: after } = await json<{ incident: Incident & { notes: { text: string }[] } }>(
      await dsp.fetch(`/api/incidents/${incident.id}`),
    );
    expect(JSON.stringify(after)).toContain('Địa chỉ?');
    await json(await ct.fetch(`/api/text-sessions/${session.id}/close`, { method: 'POST', json: {} }));
    const closed = await json<{ session: TextSession }>(await ct.fetch(`/api/text-sessions/${session.id}`));
    expect(closed.session.state).toBe('closed');
  });
});

describe('SIP texts handed over by call control', () => {
  async function handOver(text: SipTextIn) {
    const { REDIS_URL, REDIS_PREFIX } = stack.server.ctx.config;
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(TEXT_IN_QUEUE, { connection, prefix: REDIS_PREFIX });
    await queue.add('text', text);
    await queue.close();
    connection.disconnect();
  }

  it('continues one session per sender and queues it for the call-takers', async () => {
    const desk = await stack.subscribe(ct2, ['calls']);
    const from = `sip:0907770001@127.0.0.1`;
    const base = { from, dialed: '112', source: '127.0.0.1', overflowTo: '' };
    await handOver({ ...base, sipCallId: 'sip-text-1', body: 'first' });
    await handOver({ ...base, sipCallId: 'sip-text-2', body: 'second' });
    await desk.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'text.message' &&
        m.envelope.event.message.text === 'second',
      'second SIP text on the console',
    );
    const { sessions } = await json<{ sessions: TextSession[] }>(await ct.fetch('/api/text-sessions'));
    const mine = sessions.filter((s) => s.citizen === from);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: 'sip', state: 'queued', dialed: '112' });
  });

  it('sends a SIP conversation to the overflow destination when no call-taker is logged in', async () => {
    const desk = await stack.subscribe(ct, ['calls']);
    const from = 'sip:0907770002@127.0.0.1';
    await handOver({
      from,
      dialed: '112',
      source: '127.0.0.1',
      overflowTo: 'sip:backup@127.0.0.1:5999',
      sipCallId: 'sip-text-3',
      body: 'overflow me',
    });
    const event = await desk.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'text.session' &&
        m.envelope.event.session.citizen === from &&
        m.envelope.event.session.state === 'overflowed',
      'overflowed session on the console',
    );
    expect(
      event.type === 'event' && event.envelope.event.type === 'text.session' && event.envelope.event.session,
    ).toMatchObject({ overflowTo: 'sip:backup@127.0.0.1:5999', channel: 'sip' });
    const audit = await listAudit(stack.tdb.db, { targetType: 'text-session', limit: 500 });
    expect(audit.some((a) => a.action === 'text.overflow')).toBe(true);
  });
});
