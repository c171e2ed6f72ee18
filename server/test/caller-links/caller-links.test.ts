// Location links: the call-taker with the call in hand sends one (texted through the SMS gateway, shown to read
// out); the phone that opens it first posts its GPS positions into the call's history, pushed to consoles; a link
// opened on another phone, after the call or past its time is refused with a clear page; roles and bodies checked.
import type { Call, CallLocationHistory, CallerLink } from '@hcm112/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { answeredCall } from '../support/answered-call.ts';
import { withServer } from '../support/server-stack.ts';
import type { Client } from '../support/server.ts';
import { startSmsGateway } from '../../testing/sms-gateway.ts';

const gateway = await startSmsGateway();
afterAll(() => gateway.close());
// The server's clock runs `ahead` ms in front of the real one, so a test can let a link's time run out.
let ahead = 0;
const stack = withServer({
  env: {
    SMS_GATEWAY_URL: gateway.url,
    SMS_GATEWAY_AUTH: 'Bearer sms-key-of-the-test',
    CALLER_LINK_MAX_MINUTES: '30',
  },
  clock: () => new Date(Date.now() + ahead),
});

let seq = 0;
async function callInHand(callTaker: Client, number = `+8490555${String(1000 + seq++)}`): Promise<Call> {
  return answeredCall(stack.tdb.db, callTaker.user.id, {
    sipCallId: `link-${seq}-${Date.now()}@test`,
    callerNumber: number,
  });
}

async function sendLink(callTaker: Client, callId: string, json: unknown = {}) {
  const res = await callTaker.fetch(`/api/calls/${callId}/caller-link`, { method: 'POST', json });
  return {
    status: res.status,
    body: (await res.json()) as { link: CallerLink; error?: { fields?: object } },
  };
}

/** A phone's browser: keeps the cookie the link page sets. */
function phone() {
  let cookie = '';
  return {
    cookie: () => cookie,
    async open(url: string) {
      const res = await fetch(url, { headers: cookie ? { cookie } : {} });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] as string;
      return { status: res.status, html: await res.text() };
    },
    position(url: string, body: unknown) {
      const token = url.split('/l/')[1];
      return fetch(`${stack.server.url}/api/link/${token}/position`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.server.url, ...(cookie && { cookie }) },
        body: JSON.stringify(body),
      });
    },
  };
}

const at = () => new Date(Date.now() + ahead).toISOString();
const fixAt = (lat: number, lon: number) => ({ lat, lon, accuracyM: 8, at: at() });

describe('sending a link', () => {
  it('texts the caller the link through the gateway and shows it to read out', async () => {
    const callTaker = await stack.loginAs('call-taker');
    const call = await callInHand(callTaker, '+84905550777');
    const { status, body } = await sendLink(callTaker, call.id);
    expect(status).toBe(201);
    expect(body.link).toMatchObject({ callId: call.id, smsTo: '+84905550777', sms: 'sent' });
    expect(body.link.url).toMatch(new RegExp(`^${stack.server.url}/l/[A-Za-z0-9_-]{43}$`));
    const sms = gateway.received.at(-1);
    expect(sms?.authorization).toBe('Bearer sms-key-of-the-test');
    expect(sms?.body).toEqual({ to: '+84905550777', text: expect.stringContaining(body.link.url) });
    const token = body.link.url.split('/l/')[1] as string;
    const stored = await stack.tdb.db.selectFrom('caller_links').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', call.id)
      .execute();
    expect(audit).toContainEqual({ action: 'caller-link.sent', actor_id: callTaker.user.id });
  });

  it('texts another number when given one, shows the link without an SMS when asked, and says when the gateway failed', async () => {
    const callTaker = await stack.loginAs('call-taker');
    const call = await callInHand(callTaker);
    const other = await sendLink(callTaker, call.id, { to: '0912 345 678' });
    expect(other.body.link).toMatchObject({ smsTo: '+84912345678', sms: 'sent' });
    const shown = await sendLink(callTaker, call.id, { sms: false });
    expect(shown.body.link).toMatchObject({ smsTo: null, sms: 'not-asked' });
    gateway.answerWith(500);
    try {
      const failed = await sendLink(callTaker, call.id);
      expect(failed.status).toBe(201);
      expect(failed.body.link.sms).toBe('failed');
    } finally {
      gateway.answerWith(202);
    }
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    const callTaker = await stack.loginAs('call-taker');
    const call = await callInHand(callTaker);
    const bad = await sendLink(callTaker, call.id, { to: 'call me maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toHaveProperty('to');
    const extra = await sendLink(callTaker, call.id, { sms: 'yes' });
    expect(extra.status).toBe(400);
    expect(extra.body.error?.fields).toHaveProperty('sms');
    expect((await sendLink(callTaker, 'not-a-uuid')).status).toBe(400);
  });

  it('lets only the call-taker holding the live call send one', async () => {
    const [holder, other, dispatcher, supervisor] = await stack.loginEach(
      'call-taker',
      'call-taker',
      'dispatcher',
      'supervisor',
    );
    const call = await callInHand(holder);
    expect((await sendLink(other, call.id)).status).toBe(403);
    expect((await sendLink(dispatcher, call.id)).status).toBe(403);
    expect((await sendLink(supervisor, call.id)).status).toBe(403);
    const anonymous = await fetch(`${stack.server.url}/api/calls/${call.id}/caller-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.server.url },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    await stack.tdb.db
      .updateTable('calls')
      .set({ state: 'ended', ended_at: new Date() })
      .where('id', '=', call.id)
      .execute();
    expect((await sendLink(holder, call.id)).status).toBe(409);
  });
});

describe('the caller opening the link', () => {
  it('records the phone positions in the call history and pushes each to the consoles', async () => {
    const callTaker = await stack.loginAs('call-taker');
    const dispatcher = await stack.loginAs('dispatcher');
    const desk = await stack.subscribe(dispatcher, ['calls']);
    const call = await callInHand(callTaker);
    const { link } = (await sendLink(callTaker, call.id)).body;
    const caller = phone();
    const page = await caller.open(link.url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Share my location');
    expect(page.html).toContain('Chia sẻ vị trí');

    expect((await caller.position(link.url, fixAt(10.7769, 106.7009))).status).toBe(202);
    await desk.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'call.updated' &&
        m.envelope.event.call.id === call.id &&
        m.envelope.event.call.location?.source === 'link',
      'the link position pushed',
    );
    await new Promise((r) => setTimeout(r, 600));
    expect((await caller.position(link.url, fixAt(10.7781, 106.7021))).status).toBe(202);
    const history = (await (
      await callTaker.fetch(`/api/calls/${call.id}/locations`)
    ).json()) as CallLocationHistory;
    expect(history.fixes.map((f) => [f.source, f.location?.point, f.location?.method])).toEqual([
      ['link', { lat: 10.7769, lon: 106.7009 }, 'browser-gps'],
      ['link', { lat: 10.7781, lon: 106.7021 }, 'browser-gps'],
    ]);
    expect(history.choice).toEqual({ fixId: history.fixes[1]?.id, reason: 'newest' });
    // The same phone reloading the page keeps the link.
    expect((await caller.open(link.url)).status).toBe(200);
  });

  it('refuses the link on a second phone, and positions without the key, too fast or malformed', async () => {
    const callTaker = await stack.loginAs('call-taker');
    const call = await callInHand(callTaker);
    const { link } = (await sendLink(callTaker, call.id)).body;
    const first = phone();
    await first.open(link.url);
    const second = phone();
    const reused = await second.open(link.url);
    expect(reused.status).toBe(410);
    expect(reused.html).toContain('already been used');
    expect(reused.html).toContain('đã được mở trên một điện thoại khác');
    expect((await second.position(link.url, fixAt(10.77, 106.7))).status).toBe(410);

    const bad = await first.position(link.url, { lat: 95, lon: 106.7, accuracyM: 5, at: at() });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty('lat');
    expect((await first.position(link.url, fixAt(10.77, 106.7))).status).toBe(202);
    expect((await first.position(link.url, fixAt(10.7701, 106.7))).status).toBe(429);
    const unknown = await phone().open(`${stack.server.url}/l/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('This link is not valid');
  });

  it('refuses the link once the call has ended, and once its time has run out', async () => {
    const callTaker = await stack.loginAs('call-taker');
    const ended = await callInHand(callTaker);
    const endedLink = (await sendLink(callTaker, ended.id)).body.link;
    const caller = phone();
    await caller.open(endedLink.url);
    await stack.tdb.db
      .updateTable('calls')
      .set({ state: 'ended', ended_at: new Date() })
      .where('id', '=', ended.id)
      .execute();
    expect((await caller.position(endedLink.url, fixAt(10.77, 106.7))).status).toBe(410);
    const page = await caller.open(endedLink.url);
    expect(page.status).toBe(410);
    expect(page.html).toContain('This link has expired');
    expect(page.html).toContain('Liên kết này đã hết hạn');

    const live = await callInHand(callTaker);
    const lateLink = (await sendLink(callTaker, live.id)).body.link;
    ahead = 31 * 60_000;
    try {
      expect((await phone().open(lateLink.url)).status).toBe(410);
    } finally {
      ahead = 0;
    }
    const history = (await (
      await callTaker.fetch(`/api/calls/${live.id}/locations`)
    ).json()) as CallLocationHistory;
    expect(history.fixes).toEqual([]);
  });
});

describe('video from the link', () => {
  it("is refused without the caller's consent, to other phones and to roles that may not watch", async () => {
    const [holder, other, admin, dispatcher] = await stack.loginEach(
      'call-taker',
      'call-taker',
      'admin',
      'dispatcher',
    );
    const call = await callInHand(holder);
    const { link } = (await sendLink(holder, call.id)).body;
    const caller = phone();
    await caller.open(link.url);
    const token = link.url.split('/l/')[1];
    const offer = (cookie: string, body: unknown) =>
      fetch(`${stack.server.url}/api/link/${token}/video/offer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.server.url, cookie },
        body: JSON.stringify(body),
      });
    const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
    expect((await offer(caller.cookie(), { sdp })).status).toBe(409);
    const bad = await offer(caller.cookie(), { sdp: 42 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty('sdp');
    expect((await offer('', { sdp })).status).toBe(410);

    const watch = (client: Client) =>
      client.fetch(`/api/calls/${call.id}/video/watch`, { method: 'POST', json: {} });
    expect((await watch(holder)).status).toBe(409);
    expect((await watch(dispatcher)).status).toBe(409);
    expect((await watch(other)).status).toBe(403);
    expect((await watch(admin)).status).toBe(403);
    const state = await (await dispatcher.fetch(`/api/calls/${call.id}/video`)).json();
    expect(state).toEqual({ video: { callId: call.id, live: false } });
    const answer = await holder.fetch(`/api/calls/${call.id}/video/answer`, {
      method: 'POST',
      json: { viewer: 'nobody', sdp },
    });
    expect(answer.status).toBe(400);
  });
});
