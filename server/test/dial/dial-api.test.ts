// A console's calls out through the API, against real PostgreSQL and Redis: the configured destinations, a grant
// signed for exactly the destination's URI (as the SIP edge checks it), only for the call-taker on the call and
// only to configured destinations or the abandoned caller's own number; each leg's story (answered, joined,
// withdrawn, ended, failed) in the audit log and the incident's timeline, which the EIDO export carries.
import type { CallLeg, DialDestination, DialResponse, Incident } from '@hcm112/shared';
import { dialGrant, newSipSecret } from '@hcm112/telephony/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { insertCall, setCallColumns } from '../../src/calls/repository.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const NOW = new Date('2026-03-10T05:00:00.000Z');
const SECRET = newSipSecret();
const POLICE = 'sip:113@10.11.3.1:5060';
const FIRE = 'sip:114@10.11.4.1:5060';
const stack = withServer({
  clock: () => NOW,
  env: {
    SIP_AUTH_SECRET: SECRET,
    AGENCY_113_URI: POLICE,
    AGENCY_114_URI: FIRE,
    DIAL_DESTINATIONS: 'Supervisor desk=sip:1001@127.0.0.1,Traffic police=sip:0283822@10.11.9.1',
    CALLBACK_TRUNK_URI: 'sip:{number}@carrier.test:5060',
  },
});
let ct: Client;
let other: Client;
let answered: string;
let abandoned: string;
let n = 0;

async function makeCall(state: 'answered' | 'abandoned', agent: string | null, caller = '0912000111') {
  n += 1;
  const call = await insertCall(stack.tdb.db, {
    sipCallId: `dial-${n}@test`,
    callerNumber: caller,
    callerIdentity: 'untrusted',
    callerPrivacy: false,
    dialedNumber: '112',
    service: '112',
    state,
    arrivedAt: new Date(NOW.getTime() - 60_000),
    location: null,
    locationRaw: null,
  });
  await setCallColumns(stack.tdb.db, call!.id, {
    agent_user_id: agent,
    answered_at: state === 'answered' ? new Date(NOW.getTime() - 30_000) : null,
    ended_at: state === 'abandoned' ? new Date(NOW.getTime() - 10_000) : null,
  });
  return call!.id;
}

const post = (c: Client, path: string, json: unknown = {}) => c.fetch(path, { method: 'POST', json });

beforeAll(async () => {
  ct = await stack.loginAs('call-taker', { sipExtension: '3101' });
  other = await stack.loginAs('call-taker', { sipExtension: '3102' });
  answered = await makeCall('answered', ct.user.id);
  abandoned = await makeCall('abandoned', null, '0987001122');
});

describe('destinations', () => {
  it('lists the agencies and the other configured numbers to call-takers only', async () => {
    const res = await ct.fetch('/api/dial/destinations');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { destinations: DialDestination[]; callback: boolean };
    expect(body.destinations.map((d) => [d.key, d.label.en])).toEqual([
      ['113', 'Police 113'],
      ['114', 'Fire & Rescue 114'],
      ['n1', 'Supervisor desk'],
      ['n2', 'Traffic police'],
    ]);
    expect(body.destinations.find((d) => d.key === '113')?.label.vi).toBe('Công an 113');
    expect(body.callback).toBe(true);
    const sup = await stack.loginAs('supervisor');
    expect((await sup.fetch('/api/dial/destinations')).status).toBe(403);
  });
});

describe('dialing from the call in hand', () => {
  let leg: CallLeg;

  it('signs a grant the edge accepts for exactly the destination, this extension, once', async () => {
    const res = await post(ct, `/api/calls/${answered}/legs`, { destination: '114' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as DialResponse;
    leg = body.leg;
    expect(body.grant.uri).toBe(FIRE);
    const expected = dialGrant(SECRET, '3101', FIRE, leg.id, 30, NOW);
    expect(body.grant.headers).toEqual([
      `X-E112-Dial: ${expected.grant}`,
      `X-E112-Dial-Sig: ${expected.sig}`,
    ]);
    expect(leg).toMatchObject({
      state: 'dialing',
      destinationKey: '114',
      callId: answered,
      kind: 'handover',
    });
  });

  it('refuses a destination that is not configured, naming the field, and another call-taker', async () => {
    const res = await post(ct, `/api/calls/${answered}/legs`, { destination: '115' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      'destination',
    );
    const raw = await post(ct, `/api/calls/${answered}/legs`, { destination: 'sip:0909@evil' });
    expect(raw.status).toBe(400);
    expect((await post(other, `/api/calls/${answered}/legs`, { destination: '114' })).status).toBe(403);
    expect((await post(ct, `/api/calls/${abandoned}/legs`, { destination: '114' })).status).toBe(403);
  });

  it("writes who was joined and when in the incident's timeline and the audit log", async () => {
    const created = await post(ct, '/api/incidents', {
      type: 'fire',
      subtype: 'structure-fire',
      location: { point: { lat: 10.77, lon: 106.7 } },
      callId: answered,
    });
    expect(created.status).toBe(201);
    const { incident } = (await created.json()) as { incident: Incident };
    for (const e of [
      { event: 'answered', sipCallId: 'leg-114@console' },
      { event: 'joined' },
      { event: 'withdrawn' },
      { event: 'rejoined' },
      { event: 'ended' },
    ]) {
      const res = await post(ct, `/api/call-legs/${leg.id}/events`, e);
      expect(res.status, JSON.stringify(e)).toBe(200);
    }
    const again = await post(ct, `/api/call-legs/${leg.id}/events`, { event: 'joined' });
    expect(again.status).toBe(409);
    const after = await (await ct.fetch(`/api/incidents/${incident.id}`)).json();
    const notes = (after as { incident: Incident }).incident.notes.map((x) => x.text);
    expect(notes).toEqual(
      expect.arrayContaining([
        'Fire & Rescue 114 answered the call-taker',
        'Fire & Rescue 114 joined the caller in a conference',
        'call-taker withdrew (muted); Fire & Rescue 114 talks with the caller',
        'Fire & Rescue 114 left the call',
      ]),
    );
    const sup = await stack.loginAs('supervisor');
    const eido = await sup.fetch(`/api/incidents/${incident.id}/eido`);
    expect(eido.status).toBe(200);
    expect(await eido.text()).toContain('Fire & Rescue 114 joined the caller in a conference');
    const audit = await listAudit(stack.tdb.db, { targetType: 'call-leg', targetId: leg.id, limit: 20 });
    // The ended leg goes to the recordings queue like any call (no capture here: marked not recorded).
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('call.leg-'))).toEqual([
      'call.leg-answered',
      'call.leg-joined',
      'call.leg-withdrawn',
      'call.leg-rejoined',
      'call.leg-ended',
    ]);
    const legs = (await (await ct.fetch(`/api/calls/${answered}/legs`)).json()) as { legs: CallLeg[] };
    expect(legs.legs[0]).toMatchObject({ state: 'ended', sipCallId: 'leg-114@console' });
    expect(legs.legs[0]?.joinedAt).not.toBeNull();
  });

  it('records an agency that did not answer with the reason: the caller stays with the call-taker', async () => {
    const res = await post(ct, `/api/calls/${answered}/legs`, { destination: '113' });
    const { leg: police } = (await res.json()) as DialResponse;
    const failed = await post(ct, `/api/call-legs/${police.id}/events`, {
      event: 'failed',
      reason: 'Busy',
      sipCallId: 'leg-113@console',
    });
    expect(failed.status).toBe(200);
    expect(((await failed.json()) as { leg: CallLeg }).leg).toMatchObject({
      state: 'failed',
      failureReason: 'Busy',
    });
    expect((await post(other, `/api/call-legs/${police.id}/events`, { event: 'ended' })).status).toBe(403);
  });
});

describe('callbacks', () => {
  it("dials only the abandoned caller's own number through the trunk, and marks the callback when answered", async () => {
    const res = await post(ct, `/api/calls/${abandoned}/callback-dial`);
    expect(res.status).toBe(201);
    const { leg, grant } = (await res.json()) as DialResponse;
    expect(grant.uri).toBe('sip:0987001122@carrier.test:5060');
    expect(leg.kind).toBe('callback');
    expect((await post(ct, `/api/calls/${answered}/callback-dial`)).status).toBe(409);
    expect((await post(ct, `/api/calls/${abandoned}/callback-dial`, { number: '0909' })).status).toBe(400);
    await post(ct, `/api/call-legs/${leg.id}/events`, { event: 'answered', sipCallId: 'cb@console' });
    const call = (await (await ct.fetch(`/api/calls/${abandoned}`)).json()) as {
      call: { callbackAt: string };
    };
    expect(call.call.callbackAt).toBe(NOW.toISOString());
    const audit = await listAudit(stack.tdb.db, { targetType: 'call', targetId: abandoned, limit: 20 });
    expect(audit.map((a) => a.action)).toContain('call.callback-dial');
  });
});
