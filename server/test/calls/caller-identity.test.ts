// Caller identity as a carrier's trunk sends it (RFC 3325): a withheld From with a network-asserted number is
// recorded with that number (the abandoned-call list can call back) and the privacy flag; the same headers from
// an address that is not a trusted trunk are not believed.
import type { Call } from '@hcm112/shared';
import { dial, waitFor } from '@hcm112/telephony/testing';
import { describe, expect, test } from 'vitest';
import { withCallStack } from './call-stack.ts';

// SIPp on 127.0.0.2 stands for the carrier's trunk; 127.0.0.1 for anyone else on the network.
const TRUNK = '127.0.0.2';
const stack = withCallStack({ callControlEnv: { TRUSTED_TRUNKS: `${TRUNK},192.0.2.0/24` } });

function withheldCall(from: string, asserted: string) {
  return dial(stack.kamailio, 'anonymous', {
    scenario: 'carrier-caller-abandons.xml',
    args: ['-i', from, '-d', '300'],
    keys: { from_host: 'anonymous.invalid', asserted, privacy: 'id' },
  }).ok();
}

let taker: Awaited<ReturnType<typeof stack.loginAs>> | undefined;

/** The list a call-taker calls back from. */
async function abandonedCalls(): Promise<Call[]> {
  taker ??= await stack.loginAs('call-taker');
  const res = await taker.fetch('/api/calls/abandoned');
  expect(res.status).toBe(200);
  return ((await res.json()) as { calls: Call[] }).calls;
}

describe('caller identity from a carrier trunk', () => {
  test('a withheld caller through a trusted trunk is recorded with the asserted number and privacy kept', async () => {
    await withheldCall(TRUNK, 'sip:+84905550001@carrier.example;user=phone');
    const call = await waitFor(
      async () => (await abandonedCalls()).find((c) => c.callerNumber === '+84905550001'),
      'the abandoned call with its asserted number',
    );
    expect(call).toMatchObject({
      callerIdentity: 'network-asserted',
      callerPrivacy: true,
      state: 'abandoned',
    });
  });

  test('a national-form tel: identity is normalised to E.164', async () => {
    await withheldCall(TRUNK, 'tel:0905-550-002');
    const call = await waitFor(
      async () => (await abandonedCalls()).find((c) => c.callerNumber === '+84905550002'),
      'the call with its number in E.164',
    );
    expect(call.callerIdentity).toBe('network-asserted');
  });

  test('the same headers from an untrusted address: the asserted number is not believed', async () => {
    await withheldCall('127.0.0.1', 'sip:+84905550003@forged.example;user=phone');
    const calls = await waitFor(async () => {
      const rows = await stack.tdb.db
        .selectFrom('calls')
        .select(['caller_number', 'caller_identity', 'caller_privacy', 'state'])
        .where('caller_identity', '=', 'untrusted')
        .where('state', '=', 'abandoned')
        .execute();
      return rows.length > 0 ? rows : undefined;
    }, 'the untrusted call recorded');
    expect(calls).toEqual([
      { caller_number: '', caller_identity: 'untrusted', caller_privacy: true, state: 'abandoned' },
    ]);
    expect((await abandonedCalls()).some((c) => c.callerNumber === '+84905550003')).toBe(false);
  });
});
