// The call-taker side API against real PostgreSQL, Redis, Kamailio and call control: roles, validation, the
// queue and the supervisor's figures computed from known calls, callbacks, accepting, ready / not ready.
import type { Call, CallStats, CallTakerStatus, QueuedCall, User } from '@hcm112/shared';
import { freePort, register, waitFor } from '@hcm112/telephony/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { insertCall, setCallColumns } from '../../src/calls/repository.ts';
import type { Client } from '../support/server.ts';
import { withCallStack } from './call-stack.ts';

// 12:00 in Ho Chi Minh City: "today" began at 2026-03-09T17:00:00Z.
const NOW = new Date('2026-03-10T05:00:00.000Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

const stack = withCallStack({ clock: () => NOW });
let ct: Client;
let ct2: Client;
let sup: Client;
let dsp: Client;
let admin: Client;
const calls: Record<string, string> = {};

interface Made {
  caller?: string;
  arrived: Date;
  state: Call['state'];
  answeredAfter?: number;
  agent?: User;
}

async function makeCall(name: string, m: Made): Promise<void> {
  const inserted = await insertCall(stack.tdb.db, {
    sipCallId: `${name}-${m.arrived.getTime()}@test`,
    callerNumber: m.caller ?? `09000000${Object.keys(calls).length}`,
    callerIdentity: 'untrusted',
    callerPrivacy: false,
    dialedNumber: '112',
    service: '112',
    state: m.state,
    arrivedAt: m.arrived,
    location: null,
    locationRaw: null,
  });
  const id = inserted!.id;
  calls[name] = id;
  const answered =
    m.answeredAfter === undefined ? null : new Date(m.arrived.getTime() + m.answeredAfter * 1000);
  await setCallColumns(stack.tdb.db, id, {
    answered_at: answered,
    ended_at: m.state === 'abandoned' || m.state === 'ended' ? ago(1) : null,
    ended_by: m.state === 'abandoned' || m.state === 'ended' ? 'caller' : null,
    agent_user_id: m.agent?.id ?? null,
  });
}

beforeAll(async () => {
  ct = await stack.loginAs('call-taker', { sipExtension: '3001' });
  ct2 = await stack.loginAs('call-taker', { sipExtension: '3002' });
  sup = await stack.loginAs('supervisor');
  dsp = await stack.loginAs('dispatcher');
  admin = await stack.loginAs('admin');
  await makeCall('answered10', { arrived: ago(3600), state: 'ended', answeredAfter: 10, agent: ct.user });
  await makeCall('answered18', { arrived: ago(3000), state: 'ended', answeredAfter: 18, agent: ct.user });
  await makeCall('answered30', { arrived: ago(2000), state: 'ended', answeredAfter: 30, agent: ct2.user });
  await makeCall('abandoned', { caller: '0912345678', arrived: ago(1000), state: 'abandoned' });
  await makeCall('queued', { caller: '0987654321', arrived: ago(90), state: 'queued' });
  await makeCall('ringing', {
    caller: '0987654321',
    arrived: ago(40),
    state: 'ringing-agent',
    agent: ct.user,
  });
  await makeCall('fallbackAnswered', { arrived: ago(500), state: 'answered', answeredAfter: 12 });
  await makeCall('yesterday', { arrived: ago(13 * 3600), state: 'ended', answeredAfter: 5 });
});

const anonymous = (path: string) => fetch(`${stack.server.url}${path}`);
const post = (c: Client, path: string, json: unknown = {}) => c.fetch(path, { method: 'POST', json });

describe('roles', () => {
  it('lets call-takers, supervisors, dispatchers and admins read the queue, nobody anonymous', async () => {
    for (const c of [ct, sup, dsp, admin]) expect((await c.fetch('/api/calls/queue')).status).toBe(200);
    expect((await anonymous('/api/calls/queue')).status).toBe(401);
  });

  it('keeps the call-taker list for supervisors and ready / accept / hangup for call-takers', async () => {
    expect((await ct.fetch('/api/calltakers')).status).toBe(403);
    expect((await dsp.fetch('/api/calls/stats')).status).toBe(403);
    expect((await sup.fetch('/api/calltakers/me')).status).toBe(403);
    expect((await post(sup, '/api/calltakers/me/ready', { ready: true })).status).toBe(403);
    expect((await post(sup, `/api/calls/${calls.ringing}/accept`)).status).toBe(403);
    expect((await post(dsp, `/api/calls/${calls.abandoned}/callback`)).status).toBe(403);
    expect((await anonymous('/api/calltakers/me')).status).toBe(401);
  });
});

describe('validation', () => {
  it('names the bad field, refuses bodies on actions, and rejects oversized bodies', async () => {
    const ready = await post(ct, '/api/calltakers/me/ready', { ready: 'yes' });
    expect(ready.status).toBe(400);
    expect(
      ((await ready.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('ready');
    const recent = await ct.fetch('/api/calls/recent?caller=abc');
    expect(recent.status).toBe(400);
    expect(
      ((await recent.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('caller');
    expect((await ct.fetch('/api/calls/not-a-uuid')).status).toBe(400);
    expect((await post(ct, `/api/calls/${calls.abandoned}/callback`, { note: 'x' })).status).toBe(400);
    const huge = await post(ct, '/api/calltakers/me/ready', { ready: true, pad: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
  });

  it('answers 404 for a call that does not exist', async () => {
    const missing = '7d1f0c52-4d0a-4a3e-9a54-3b8f1f7f4a11';
    expect((await ct.fetch(`/api/calls/${missing}`)).status).toBe(404);
    expect((await post(ct, `/api/calls/${missing}/callback`)).status).toBe(404);
    expect((await post(ct, `/api/calls/${missing}/accept`)).status).toBe(404);
  });
});

describe('calls', () => {
  it('lists waiting calls oldest first with how long each caller has waited', async () => {
    const res = await ct.fetch('/api/calls/queue');
    const { calls: queue } = (await res.json()) as { calls: QueuedCall[] };
    expect(queue.map((c) => [c.id, c.waitSeconds])).toEqual([
      [calls.queued, 90],
      [calls.ringing, 40],
    ]);
  });

  it('lists earlier calls from a number, newest first, and one call by id', async () => {
    const res = await ct.fetch('/api/calls/recent?caller=0987654321');
    const { calls: recent } = (await res.json()) as { calls: Call[] };
    expect(recent.map((c) => c.id)).toEqual([calls.ringing, calls.queued]);
    const audit = await listAudit(stack.tdb.db, { targetType: 'caller', targetId: '0987654321', limit: 5 });
    expect(audit.map((r) => [r.action, r.actorName, r.after])).toEqual([
      ['call.history-read', ct.user.username, { calls: 2, limit: expect.any(Number) }],
    ]);
    const one = await dsp.fetch(`/api/calls/${calls.abandoned}`);
    expect(((await one.json()) as { call: Call }).call.callerNumber).toBe('0912345678');
  });

  it('computes the supervisor figures of today from the recorded calls', async () => {
    const stats = (await (await sup.fetch('/api/calls/stats')).json()) as CallStats;
    // Answered today 10 s, 18 s, 30 s and 12 s (fallback); one abandoned; yesterday's call not counted.
    expect(stats).toMatchObject({
      waiting: 2,
      longestWaitSeconds: 90,
      answeredToday: 4,
      abandonedToday: 1,
      answeredWithin15sShare: 2 / 5,
      answeredWithin20sShare: 3 / 5,
    });
    expect(stats.callTakers).toMatchObject({ offline: 2, ready: 0 });
  });

  it('lists abandoned calls with their callback number until someone calls back, once', async () => {
    const list = (await (await ct.fetch('/api/calls/abandoned')).json()) as { calls: Call[] };
    expect(list.calls.map((c) => [c.id, c.callerNumber])).toEqual([[calls.abandoned, '0912345678']]);
    const done = await post(ct, `/api/calls/${calls.abandoned}/callback`);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { call: Call }).call.callbackAt).toBe(NOW.toISOString());
    expect((await post(sup, `/api/calls/${calls.abandoned}/callback`)).status).toBe(409);
    expect((await post(ct, `/api/calls/${calls.answered10}/callback`)).status).toBe(409);
    const after = (await (await ct.fetch('/api/calls/abandoned')).json()) as { calls: Call[] };
    expect(after.calls).toEqual([]);
    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select(['actor_id', 'before', 'after'])
      .where('action', '=', 'call.callback')
      .where('target_id', '=', calls.abandoned!)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(ct.user.id);
  });

  it('lets a call-taker take the call offered to them or answered on a fallback phone, not another', async () => {
    expect((await post(ct, `/api/calls/${calls.ringing}/accept`)).status).toBe(200);
    expect((await post(ct2, `/api/calls/${calls.ringing}/accept`)).status).toBe(409);
    expect((await post(ct, `/api/calls/${calls.queued}/accept`)).status).toBe(409);
    const taken = await post(ct2, `/api/calls/${calls.fallbackAnswered}/accept`);
    expect(((await taken.json()) as { call: Call }).call.agentUserId).toBe(ct2.user.id);
    expect((await post(ct, `/api/calls/${calls.fallbackAnswered}/accept`)).status).toBe(409);
    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'call.accepted')
      .execute();
    expect(audit.map((a) => a.actor_id)).toEqual([ct2.user.id]);
  });

  it('refuses to end a call that is not in progress or not theirs', async () => {
    expect((await post(ct, `/api/calls/${calls.ringing}/hangup`)).status).toBe(409);
    expect((await post(ct, `/api/calls/${calls.fallbackAnswered}/hangup`)).status).toBe(403);
  });
});

describe('call-takers', () => {
  it('goes ready through call control: audited, pushed to consoles, counted by the supervisor', async () => {
    const console = await stack.subscribe(sup, ['calls']);
    await register(stack.kamailio, '3001', await freePort());
    await waitFor(async () => {
      const me = (await (await ct.fetch('/api/calltakers/me')).json()) as { callTaker: CallTakerStatus };
      return me.callTaker.state === 'not-ready' ? true : undefined;
    }, 'the phone of 3001 to be registered with the ACD');
    const res = await post(ct, '/api/calltakers/me/ready', { ready: true });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { callTaker: CallTakerStatus }).callTaker).toMatchObject({
      userId: ct.user.id,
      sipExtension: '3001',
      state: 'ready',
    });
    await console.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'calltaker.updated' &&
        m.envelope.event.callTaker.userId === ct.user.id &&
        m.envelope.event.callTaker.state === 'ready',
      'calltaker.updated ready',
    );
    const me = (await (await ct.fetch('/api/calltakers/me')).json()) as { callTaker: CallTakerStatus };
    expect(me.callTaker.state).toBe('ready');
    const list = (await (await sup.fetch('/api/calltakers')).json()) as { callTakers: CallTakerStatus[] };
    expect(list.callTakers.map((c) => [c.userId, c.state])).toEqual(
      expect.arrayContaining([
        [ct.user.id, 'ready'],
        [ct2.user.id, 'offline'],
      ]),
    );
    const stats = (await (await ct.fetch('/api/calls/stats')).json()) as CallStats;
    expect(stats.callTakers).toMatchObject({ ready: 1, offline: 1 });
    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'calltaker.ready')
      .where('target_id', '=', ct.user.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ state: 'ready' });
    expect((await post(ct, '/api/calltakers/me/ready', { ready: false })).status).toBe(200);
  });

  it('refuses ready for a call-taker without a phone extension', async () => {
    const noPhone = await stack.loginAs('call-taker');
    expect((await post(noPhone, '/api/calltakers/me/ready', { ready: true })).status).toBe(409);
  });

  it('answers 503 to ready / not ready while call control is not running', async () => {
    await stack.control?.stop();
    expect((await post(ct, '/api/calltakers/me/ready', { ready: true })).status).toBe(503);
  });
});
