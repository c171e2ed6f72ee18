// Withheld callers through a carrier's trunk, at the default per-caller limit: a trunk sends every withheld caller
// with From "anonymous" and the real number in P-Asserted-Identity, so the per-caller limit must count each
// asserted number on its own (never one shared "anonymous" counter that refuses real callers), and a caller
// refused at the queue cap is on record with the asserted number, so the centre can call back.
import { waitFor } from '@hcm112/telephony/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { withCallStack } from './call-stack.ts';
import { RawSipPeer, sipStatus } from './raw-sip-peer.ts';

const TRUNK = '127.0.0.1';
// CALLER_BURST stays at its default (5 calls per caller in 10 s); refusals are recorded one by one up to 2 a minute
// per source, or per caller of a trusted trunk.
const stack = withCallStack({
  kamailio: { TRUSTED_TRUNKS: TRUNK, MAX_QUEUED_CALLS: '6', REFUSED_RECORDS_PER_MIN: '2' },
  callControlEnv: { TRUSTED_TRUNKS: TRUNK },
});

let trunk: RawSipPeer | undefined;

async function theTrunk(): Promise<RawSipPeer> {
  if (!trunk) {
    trunk = new RawSipPeer(TRUNK, stack.kamailio.sipPort);
    await trunk.open();
  }
  return trunk;
}

/** A withheld caller through the trunk: From anonymous, the number the network asserts in P-Asserted-Identity. */
async function withheldCall(asserted: string): Promise<string> {
  const peer = await theTrunk();
  return sipStatus(
    await peer.answer(await peer.invite('anonymous', { fromHost: 'anonymous.invalid', pai: asserted })),
  );
}

const asserted = (n: string) => `sip:${n}@carrier.example;user=phone`;

async function callRow(number: string) {
  return stack.tdb.db
    .selectFrom('calls')
    .select(['caller_number', 'caller_identity', 'caller_privacy', 'state', 'refused_reason'])
    .where('caller_number', '=', number)
    .executeTakeFirst();
}

afterEach(async () => {
  await trunk?.cancelAll();
  await waitFor(async () => {
    const row = await stack.tdb.db
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', 'in', ['queued', 'ringing-agent'])
      .executeTakeFirstOrThrow();
    return Number(row.n) === 0 || undefined;
  }, 'the queue to be empty');
});
afterAll(() => trunk?.close());

describe('withheld callers through a trusted trunk', () => {
  it('queues six withheld callers with distinct asserted numbers at the default per-caller limit', async () => {
    const answers: string[] = [];
    for (let i = 1; i <= 6; i++) answers.push(await withheldCall(asserted(`+8490710000${i}`)));
    expect(answers).toEqual(Array(6).fill('SIP/2.0 180 Ringing'));
    for (let i = 1; i <= 6; i++)
      await expect
        .poll(() => callRow(`+8490710000${i}`), { timeout: 15_000 })
        .toMatchObject({ caller_identity: 'network-asserted', caller_privacy: true, refused_reason: null });
  });

  it('still limits one asserted caller who calls more than the limit in 10 s, on record with that number', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(await withheldCall('tel:0907-200-001'));
    expect(answers).toEqual([
      ...Array(5).fill('SIP/2.0 180 Ringing'),
      'SIP/2.0 503 Too many calls from this number',
    ]);
    await expect
      .poll(
        () =>
          stack.tdb.db
            .selectFrom('calls')
            .select(['caller_number', 'caller_identity', 'refused_reason'])
            .where('refused_reason', '=', 'caller-flood')
            .execute(),
        { timeout: 15_000 },
      )
      .toEqual([
        {
          caller_number: '+84907200001',
          caller_identity: 'network-asserted',
          refused_reason: 'caller-flood',
        },
      ]);
  });

  it('records a withheld caller refused at the queue cap with the asserted number, not "anonymous"', async () => {
    for (let i = 1; i <= 6; i++)
      expect(await withheldCall(asserted(`+8490730000${i}`))).toBe('SIP/2.0 180 Ringing');
    expect(await withheldCall('tel:0907-300-099')).toBe('SIP/2.0 503 Service Unavailable: all lines busy');
    await expect
      .poll(() => callRow('+84907300099'), { timeout: 15_000 })
      .toEqual({
        caller_number: '+84907300099',
        caller_identity: 'network-asserted',
        caller_privacy: true,
        state: 'abandoned',
        refused_reason: 'queue-full',
      });
  });

  it("records each of a full queue's refused trunk callers with its number, never folded into one row per trunk", async () => {
    for (let i = 1; i <= 6; i++)
      expect(await withheldCall(asserted(`+8490740000${i}`))).toBe('SIP/2.0 180 Ringing');
    for (let i = 1; i <= 4; i++)
      expect(await withheldCall(asserted(`+8490740009${i}`))).toBe(
        'SIP/2.0 503 Service Unavailable: all lines busy',
      );
    for (let i = 1; i <= 4; i++)
      await expect
        .poll(() => callRow(`+8490740009${i}`), { timeout: 15_000 })
        .toMatchObject({ caller_identity: 'network-asserted', refused_reason: 'queue-full' });
    // Give a folded count its flush (every 10 s) to show up if there were one.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const folded = await stack.tdb.db
      .selectFrom('calls')
      .select('refused_count')
      .where('refused_reason', '=', 'folded')
      .execute();
    expect(folded).toEqual([]);
  });
});
