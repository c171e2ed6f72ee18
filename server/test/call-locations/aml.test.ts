// Advanced Mobile Location over HTTPS (ETSI TS 103 625 fields, signed per sender): a handset's message, form-encoded
// as the standard sends it or as JSON, joins the live call of its number (or one ended within the join window)
// and reaches its history, the call record and the console. Any authenticated message is kept and answered 202:
// one past the window is kept unjoined and one without a position unusable, with why, nothing overwritten. A bad
// signature, an unknown sender or an oversized body is refused and nothing is kept.
import type { AmlMessageRecord, AmlReceipt, CallLocationHistory, ServerMessage } from '@hcm112/shared';
import { describe, expect, it } from 'vitest';
import { amlSignature } from '../../src/call-locations/aml.ts';
import { insertCall } from '../../src/calls/repository.ts';
import { withServer } from '../support/server-stack.ts';

const SECRET = 'aml-secret-of-the-test-carrier-0123456789';
const WINDOW_S = 600;
const stack = withServer({
  env: { AML_SENDERS: `carrier-a:${SECRET}`, AML_JOIN_WINDOW_SECONDS: String(WINDOW_S) },
});
const FORM = 'application/x-www-form-urlencoded';

/** A message as a handset sends it: the standard's name-value pairs, form-encoded. */
const formMessage = (number: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    v: '3',
    device_number: number,
    location_latitude: '10.7769',
    location_longitude: '106.7009',
    location_time: String(Date.now() - 1500),
    location_accuracy: '9.5',
    location_source: 'gps',
    location_certainty: '68',
    location_altitude: '12',
    location_floor: '4',
    device_model: 'Pixel 8',
    device_imei: '356938035643809',
    device_imsi: '452040123456789',
    cell_home_mcc: '452',
    cell_home_mnc: '04',
    cell_network_mcc: '452',
    cell_network_mnc: '04',
    emergency_number: '112',
    source: 'call',
    ...extra,
  }).toString();

const jsonMessage = (number: string) =>
  JSON.stringify({
    v: '3',
    emergency_number: '112',
    device_number: number,
    location_latitude: '10.7771',
    location_longitude: '106.7012',
    location_accuracy: '12',
    location_time: String(Date.now() - 2000),
    location_source: 'gps',
    device_imei: '356938035643809',
    device_imsi: '452040123456789',
  });

function post(
  body: string,
  options: { type?: string; sender?: string; signature?: string } = {},
): Promise<Response> {
  return fetch(`${stack.server.url}/api/aml`, {
    method: 'POST',
    headers: {
      'content-type': options.type ?? FORM,
      'x-aml-sender': options.sender ?? 'carrier-a',
      'x-aml-signature': options.signature ?? amlSignature(SECRET, body),
    },
    body,
  });
}

async function receipt(res: Response): Promise<AmlReceipt> {
  expect(res.status).toBe(202);
  return (await res.json()) as AmlReceipt;
}

/** A call of `number`, answered 10 s ago; `endedSecondsAgo` ends it that long ago. */
async function callOf(number: string, endedSecondsAgo?: number) {
  const arrivedAt = new Date(Date.now() - (endedSecondsAgo ?? 0) * 1000 - 60_000);
  const call = await insertCall(stack.tdb.db, {
    sipCallId: `aml-${number}-${Date.now()}@test`,
    callerNumber: number,
    callerIdentity: 'network-asserted',
    callerPrivacy: false,
    dialedNumber: '112',
    service: '112',
    state: 'answered',
    arrivedAt,
    location: {
      point: { lat: 10.8, lon: 106.65 },
      accuracyM: 900,
      source: 'pidf-lo',
      shape: null,
      method: 'Cell',
      at: null,
    },
    locationRaw: null,
  });
  if (!call) throw new Error('no call');
  if (endedSecondsAgo !== undefined)
    await stack.tdb.db
      .updateTable('calls')
      .set({ state: 'ended', ended_at: new Date(Date.now() - endedSecondsAgo * 1000) })
      .where('id', '=', call.id)
      .execute();
  return call;
}

async function historyOf(callId: string) {
  const supervisor = await stack.loginAs('supervisor');
  const history = (await (
    await supervisor.fetch(`/api/calls/${callId}/locations`)
  ).json()) as CallLocationHistory;
  const { call } = (await (await supervisor.fetch(`/api/calls/${callId}`)).json()) as {
    call: { location: { source: string; accuracyM: number | null } | null };
  };
  return { fixes: history.fixes, location: call.location };
}

async function messagesOf(number: string): Promise<AmlMessageRecord[]> {
  const supervisor = await stack.loginAs('supervisor');
  const res = await supervisor.fetch(`/api/aml/messages?number=${encodeURIComponent(number)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: AmlMessageRecord[] }).messages;
}

describe('AML messages', () => {
  it('joins a form-encoded message to the live call of the number and pushes it to the console', async () => {
    const call = await callOf('+84905552001');
    const desk = await stack.subscribe(await stack.loginAs('call-taker'), ['calls']);
    const body = formMessage('+84905552001');
    expect(body).toContain('device_number=%2B84905552001');
    const answer = await receipt(await post(body));
    expect(answer).toEqual({
      messageId: expect.any(Number),
      outcome: 'joined',
      callId: call.id,
      problem: null,
    });
    await desk.waitFor((m: ServerMessage) => {
      if (m.type !== 'event' || m.envelope.event.type !== 'call.updated') return false;
      const { call: updated } = m.envelope.event;
      return updated.id === call.id && updated.location?.source === 'aml';
    }, 'the handset fix on the console');
    const { fixes, location } = await historyOf(call.id);
    expect(fixes.at(-1)).toMatchObject({
      source: 'aml',
      location: { point: { lat: 10.7769, lon: 106.7009 }, accuracyM: 9.5, method: 'GPS' },
      problem: null,
    });
    expect(location).toMatchObject({ source: 'aml', accuracyM: 9.5 });
    const [kept] = await messagesOf('0905552001');
    expect(kept).toMatchObject({
      messageId: answer.messageId,
      outcome: 'joined',
      sender: 'carrier-a',
      deviceNumber: '+84905552001',
      device: { imei: '356938035643809', model: 'Pixel 8', floor: '4', altitudeM: 12, certaintyPercent: 68 },
    });
  });

  it('still takes the JSON object of the same names (national form of the number too)', async () => {
    const call = await callOf('+84905552002');
    const answer = await receipt(await post(jsonMessage('0905552002'), { type: 'application/json' }));
    expect(answer).toMatchObject({ outcome: 'joined', callId: call.id });
    expect((await historyOf(call.id)).location).toMatchObject({ source: 'aml', accuracyM: 12 });
  });

  it('verifies the signature over the form body exactly as sent, not over the fields re-encoded', async () => {
    const call = await callOf('+84905552003');
    // The same fields in another order with other (valid) escapes: what a relay might send byte for byte.
    const asSent =
      'location_longitude=106.7009&location_latitude=10.7769&device_number=%2b84905552003&device_model=Pixel%208' +
      '&location_accuracy=%31%35';
    const reEncoded = new URLSearchParams(asSent).toString();
    expect(reEncoded).not.toBe(asSent);
    expect((await post(asSent, { signature: amlSignature(SECRET, reEncoded) })).status).toBe(401);
    expect(await receipt(await post(asSent))).toMatchObject({ outcome: 'joined', callId: call.id });
    expect((await historyOf(call.id)).location).toMatchObject({ source: 'aml', accuracyM: 15 });
  });

  it('joins a call that ended within the join window', async () => {
    const call = await callOf('+84905552004', WINDOW_S - 120);
    expect(await receipt(await post(formMessage('+84905552004')))).toMatchObject({
      outcome: 'joined',
      callId: call.id,
    });
    expect((await historyOf(call.id)).location).toMatchObject({ source: 'aml' });
  });

  it('keeps a message for a call ended before the window unjoined, and leaves the call as it was', async () => {
    const call = await callOf('+84905552005', WINDOW_S + 120);
    const before = await historyOf(call.id);
    const answer = await receipt(await post(formMessage('+84905552005')));
    expect(answer).toEqual({
      messageId: expect.any(Number),
      outcome: 'unjoined',
      callId: null,
      problem: `no live call of +84905552005, nor one ended in the last ${WINDOW_S} s`,
    });
    expect(await historyOf(call.id)).toEqual(before);
    expect(before.location).toMatchObject({ source: 'pidf-lo', accuracyM: 900 });
    expect(await messagesOf('+84905552005')).toMatchObject([
      { messageId: answer.messageId, outcome: 'unjoined', callId: null, deviceNumber: '+84905552005' },
    ]);
  });

  it('keeps a message it cannot use as unusable with why, on its call, and answers it 202', async () => {
    const call = await callOf('+84905552006');
    const noPosition = formMessage('+84905552006', { location_latitude: '', location_longitude: '' });
    const answer = await receipt(await post(noPosition));
    expect(answer).toEqual({
      messageId: expect.any(Number),
      outcome: 'unusable',
      callId: call.id,
      problem: 'no position in the message',
    });
    const { fixes, location } = await historyOf(call.id);
    expect(fixes.at(-1)).toMatchObject({ source: 'aml', location: null, problem: answer.problem });
    expect(location).toMatchObject({ source: 'pidf-lo', accuracyM: 900 });

    const noNumber = await receipt(await post('location_latitude=10.7&location_longitude=106.7'));
    expect(noNumber).toMatchObject({
      outcome: 'unusable',
      callId: null,
      problem: 'no device_number in the message',
    });
    const garbage = await receipt(await post('{"device_number": "+8490555', { type: 'application/json' }));
    expect(garbage).toMatchObject({ outcome: 'unusable', problem: 'body is not valid JSON' });
    const supervisor = await stack.loginAs('supervisor');
    const unusable = (await (await supervisor.fetch('/api/aml/messages?outcome=unusable')).json()) as {
      messages: AmlMessageRecord[];
    };
    expect(unusable.messages.map((m) => m.messageId)).toEqual(
      expect.arrayContaining([answer.messageId, noNumber.messageId, garbage.messageId]),
    );
  });

  it('refuses a bad signature or an unknown sender with 401 and keeps nothing', async () => {
    const call = await callOf('+84905552007');
    const body = formMessage('+84905552007');
    expect((await post(body, { signature: amlSignature('x'.repeat(40), body) })).status).toBe(401);
    expect((await post(body, { signature: '' })).status).toBe(401);
    expect((await post(body, { sender: 'nobody' })).status).toBe(401);
    expect((await historyOf(call.id)).fixes).toEqual([]);
    expect(await messagesOf('+84905552007')).toEqual([]);
  });

  it('refuses a body over the limit with 413, form or JSON, and keeps nothing', async () => {
    const call = await callOf('+84905552008');
    const padding = 'x'.repeat(20_000);
    const form = formMessage('+84905552008', { device_model: padding });
    const res = await post(form);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too-large');
    const json = JSON.stringify({ ...JSON.parse(jsonMessage('+84905552008')), device_model: padding });
    expect((await post(json, { type: 'application/json' })).status).toBe(413);
    expect((await post('<aml/>', { type: 'text/xml' })).status).toBe(415);
    expect((await historyOf(call.id)).fixes).toEqual([]);
    expect(await messagesOf('+84905552008')).toEqual([]);
  });

  it('lists the messages to supervisors and admins only', async () => {
    const taker = await stack.loginAs('call-taker');
    expect((await taker.fetch('/api/aml/messages')).status).toBe(403);
  });
});
