// Advanced Mobile Location over HTTPS (ETSI TS 103 625 fields, signed per sender): a handset's message joins the
// live call of its number and reaches its history and the call record; a bad signature, an unknown sender or a
// number with no call is refused and nothing is stored.
import { createHmac } from 'node:crypto';
import type { CallLocationHistory } from '@hcm112/shared';
import { describe, expect, it } from 'vitest';
import { insertCall } from '../../src/calls/repository.ts';
import { withServer } from '../support/server-stack.ts';

const SECRET = 'aml-secret-of-the-test-carrier-0123456789';
const stack = withServer({ env: { AML_SENDERS: `carrier-a:${SECRET}` } });

const message = (number: string) =>
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

function post(body: string, sender = 'carrier-a', secret = SECRET) {
  return fetch(`${stack.server.url}/api/aml`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-aml-sender': sender,
      'x-aml-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  });
}

async function liveCall(number: string) {
  const call = await insertCall(stack.tdb.db, {
    sipCallId: `aml-${number}-${Date.now()}@test`,
    callerNumber: number,
    callerIdentity: 'network-asserted',
    callerPrivacy: false,
    dialedNumber: '112',
    service: '112',
    state: 'answered',
    arrivedAt: new Date(Date.now() - 10_000),
    location: null,
    locationRaw: null,
  });
  if (!call) throw new Error('no call');
  return call;
}

describe('AML messages', () => {
  it('joins the live call of the number (national form too) and becomes its location', async () => {
    const call = await liveCall('+84905551234');
    const res = await post(message('0905551234'));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ callId: call.id });
    const supervisor = await stack.loginAs('supervisor');
    const history = (await (
      await supervisor.fetch(`/api/calls/${call.id}/locations`)
    ).json()) as CallLocationHistory;
    expect(history.fixes).toHaveLength(1);
    expect(history.fixes[0]).toMatchObject({
      source: 'aml',
      location: { point: { lat: 10.7771, lon: 106.7012 }, accuracyM: 12, method: 'GPS' },
    });
    const after = (await (await supervisor.fetch(`/api/calls/${call.id}`)).json()) as {
      call: { location: unknown };
    };
    expect(after.call.location).toMatchObject({ source: 'aml', accuracyM: 12 });
  });

  it('refuses a bad signature or an unknown sender with 401, and a number with no call with 404', async () => {
    const call = await liveCall('+84905551235');
    expect((await post(message('+84905551235'), 'carrier-a', 'x'.repeat(40))).status).toBe(401);
    expect((await post(message('+84905551235'), 'nobody')).status).toBe(401);
    expect((await post(message('+84905559999'))).status).toBe(404);
    const bad = await post(JSON.stringify({ device_number: '+84905551235', location_latitude: 95 }));
    expect(bad.status).toBe(400);
    const supervisor = await stack.loginAs('supervisor');
    const history = (await (
      await supervisor.fetch(`/api/calls/${call.id}/locations`)
    ).json()) as CallLocationHistory;
    expect(history.fixes).toEqual([]);
  });
});
