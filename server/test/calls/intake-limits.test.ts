// Telephony denial of service, performed with raw SIP over UDP from several loopback addresses: one address
// may not queue calls without bound by writing a new From for each (per-source limit), a configured carrier trunk
// is never limited that way, the queue has a cap (503 with Retry-After when no overflow destination is
// configured), and every refused emergency INVITE is on record, a flood's beyond the configured rate folded into
// one row with a count.
import type { CallStats } from '@hcm112/shared';
import { waitFor } from '@hcm112/telephony/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { withCallStack } from './call-stack.ts';
import { RawSipPeer, sipStatus } from './raw-sip-peer.ts';

const stack = withCallStack({
  kamailio: {
    TRUSTED_TRUNKS: '127.0.0.1',
    SOURCE_BURST: '3',
    CALLER_BURST: '100',
    MAX_QUEUED_CALLS: '6',
    REFUSED_RECORDS_PER_MIN: '3',
  },
});

const status = sipStatus;
const peers: RawSipPeer[] = [];

async function peerOn(address: string): Promise<RawSipPeer> {
  const peer = new RawSipPeer(address, stack.kamailio.sipPort);
  await peer.open();
  peers.push(peer);
  return peer;
}

/** The refusals recorded for calls from `source`. */
async function refusalsFrom(source: string) {
  return stack.tdb.db
    .selectFrom('calls')
    .select(['caller_number', 'state', 'refused_reason', 'refused_count', 'ended_by'])
    .where('refused_source', '=', source)
    .orderBy('arrived_at')
    .execute();
}

/** Waits until no call is queued any more (the test's calls were cancelled). */
async function queueEmpty() {
  await waitFor(async () => {
    const row = await stack.tdb.db
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', 'in', ['queued', 'ringing-agent'])
      .executeTakeFirstOrThrow();
    return Number(row.n) === 0 || undefined;
  }, 'the queue to be empty');
}

afterEach(async () => {
  for (const peer of peers) await peer.cancelAll();
  await queueEmpty();
});
afterAll(() => {
  for (const peer of peers) peer.close();
});

describe('per-source limit', () => {
  it('refuses a fourth call in 10 s from one address, whatever From it writes, and records each refusal', async () => {
    const attacker = await peerOn('127.0.0.2');
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push(await attacker.answer(await attacker.invite(`090200000${i}`)));
    expect(answers.map(status)).toEqual([
      'SIP/2.0 180 Ringing',
      'SIP/2.0 180 Ringing',
      'SIP/2.0 180 Ringing',
      'SIP/2.0 503 Too many calls from this address',
      'SIP/2.0 503 Too many calls from this address',
    ]);
    expect(answers[3]).toMatch(/\r\nRetry-After: 10\r\n/);
    await expect
      .poll(() => refusalsFrom('127.0.0.2'), { timeout: 15_000 })
      .toEqual([
        {
          caller_number: '+84902000003',
          state: 'abandoned',
          refused_reason: 'source-flood',
          refused_count: 1,
          ended_by: 'system',
        },
        {
          caller_number: '+84902000004',
          state: 'abandoned',
          refused_reason: 'source-flood',
          refused_count: 1,
          ended_by: 'system',
        },
      ]);
  });

  it('never limits a configured trunk that way: many callers from one trunk address all queue', async () => {
    const trunk = await peerOn('127.0.0.1');
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(await trunk.answer(await trunk.invite(`090300000${i}`)));
    expect(answers.map(status)).toEqual(Array(6).fill('SIP/2.0 180 Ringing'));
  });
});

describe('queue cap', () => {
  it('answers a call over the cap 503 with Retry-After when no overflow destination is configured, on record', async () => {
    const trunk = await peerOn('127.0.0.1');
    for (let i = 0; i < 6; i++)
      expect(status(await trunk.answer(await trunk.invite(`090400000${i}`)))).toBe('SIP/2.0 180 Ringing');
    const over = await trunk.answer(await trunk.invite('0904000099'));
    expect(status(over)).toBe('SIP/2.0 503 Service Unavailable: all lines busy');
    expect(over).toMatch(/\r\nRetry-After: 10\r\n/);
    await expect
      .poll(async () => (await refusalsFrom('127.0.0.1')).filter((r) => r.caller_number === '+84904000099'), {
        timeout: 15_000,
      })
      .toEqual([
        {
          caller_number: '+84904000099',
          state: 'abandoned',
          refused_reason: 'queue-full',
          refused_count: 1,
          ended_by: 'system',
        },
      ]);
  });
});

describe('refusals on record', () => {
  it('records a malformed emergency INVITE (no Contact) with its reason', async () => {
    const sender = await peerOn('127.0.0.4');
    expect(status(await sender.answer(await sender.invite('0905000001', { contact: false })))).toBe(
      'SIP/2.0 400 Missing Contact header',
    );
    await expect
      .poll(() => refusalsFrom('127.0.0.4'), { timeout: 15_000 })
      .toEqual([
        {
          caller_number: '+84905000001',
          state: 'abandoned',
          refused_reason: 'malformed',
          refused_count: 1,
          ended_by: 'system',
        },
      ]);
  });

  it('folds a flood beyond the configured rate into one row with a count, and the wallboard counts them all', async () => {
    const flood = await peerOn('127.0.0.3');
    for (let i = 0; i < 30; i++) await flood.invite(`0906${String(i).padStart(6, '0')}`);
    // 3 queued (SOURCE_BURST), 27 refused: 3 recorded one by one (REFUSED_RECORDS_PER_MIN), 24 counted.
    await waitFor(
      async () =>
        (await refusalsFrom('127.0.0.3')).reduce((n, r) => n + r.refused_count, 0) === 27 || undefined,
      'all 27 refusals to be counted',
      20_000,
    );
    const rows = await refusalsFrom('127.0.0.3');
    expect(rows.filter((r) => r.refused_reason === 'source-flood')).toHaveLength(3);
    const folded = rows.filter((r) => r.refused_reason === 'folded');
    // One row per source and minute: two only if the flood straddled a minute.
    expect(folded.length).toBeGreaterThanOrEqual(1);
    expect(folded.length).toBeLessThanOrEqual(2);
    const supervisor = await stack.loginAs('supervisor');
    const stats = (await (await supervisor.fetch('/api/calls/stats')).json()) as CallStats;
    expect(stats.refusedToday).toBeGreaterThanOrEqual(27 + 2 + 1 + 1);
  });

  it('records refusals made while call control was away once it is back', async () => {
    await stack.control?.kill();
    const sender = await peerOn('127.0.0.5');
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push(await sender.answer(await sender.invite(`090800000${i}`)));
    expect(answers.map(status).filter((a) => a.startsWith('SIP/2.0 503'))).toHaveLength(2);
    await stack.startControl();
    await expect
      .poll(async () => (await refusalsFrom('127.0.0.5')).map((r) => [r.caller_number, r.refused_reason]), {
        timeout: 20_000,
      })
      .toEqual([
        ['+84908000003', 'source-flood'],
        ['+84908000004', 'source-flood'],
      ]);
  });
});
