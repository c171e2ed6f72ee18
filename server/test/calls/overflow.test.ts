// Overflow, never a dead end: with an overflow destination configured (a SIPp "backup centre" answering), a call
// goes there when no call-taker is logged in, when it waited the queue timeout, and when the queue is full; each is
// recorded like any call (where it went, why, and how it ended) and counted on the wallboard.
import { acdKeys, type CallStats } from '@hcm112/shared';
import { dial, freePort, type SippRun, sipp } from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import { callTaker, recordedCall, telephonyActions } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

// Known before Kamailio starts: its overflow destinations name them.
const backupPort = await freePort();
const agencyPort = await freePort();
const backupUri = `sip:112@127.0.0.1:${backupPort}`;
const agencyUri = `sip:114@127.0.0.1:${agencyPort}`;

const stack = withCallStack({
  kamailio: {
    QUEUE_TIMEOUT_MS: '3000',
    RING_TIMEOUT_MS: '3000',
    MAX_QUEUED_CALLS: '1',
    OVERFLOW_112: backupUri,
    OVERFLOW_114: agencyUri,
  },
});

/** The other centre: SIPp answering `calls` calls on `port`, as a call-taker's phone would. */
function centreOn(port: number, calls = 1): SippRun {
  return sipp('call-taker-answers.xml', stack.kamailio.target, ['-p', String(port), '-m', String(calls)], {
    ext: 'backup',
  });
}

/** A call-taker whose console is open (logged in, so calls queue for them), not ready. */
async function loggedInNotReady(extension: string) {
  const client = await callTaker(stack, extension, false);
  const desk = await stack.subscribe(client, ['calls']);
  const consoles = acdKeys(stack.server.ctx.config.REDIS_PREFIX).consoles;
  await expect
    .poll(() => stack.server.ctx.redis.zscore(consoles, extension), { timeout: 10_000 })
    .not.toBeNull();
  return desk;
}

describe('overflow destination', () => {
  it('takes a 112 call at once when no call-taker is logged in, recorded as overflowed and answered there', async () => {
    const backup = centreOn(backupPort);
    await dial(stack.kamailio, '0944100001').ok();
    await backup.ok();
    const call = await recordedCall(stack.tdb, '0944100001', 'ended');
    expect(call).toMatchObject({ overflowTo: backupUri, overflowReason: 'no-call-taker', endedBy: 'caller' });
    expect(call.answeredAt).not.toBeNull();
    expect((await telephonyActions(stack.tdb, call.id)).map((a) => a.action)).toEqual([
      'call.arrived',
      'call.overflowed',
      'call.answered',
      'call.ended',
    ]);
  });

  it("sends a 114 call to the fire service's own destination", async () => {
    const agency = centreOn(agencyPort);
    await dial(stack.kamailio, '0944100002', { service: '114' }).ok();
    await agency.ok();
    const call = await recordedCall(stack.tdb, '0944100002', 'ended');
    expect(call).toMatchObject({ overflowTo: agencyUri, service: '114' });
  });

  it('sends a call that waited the queue timeout there, after the configured time', async () => {
    const desk = await loggedInNotReady('7101');
    try {
      const backup = centreOn(backupPort);
      const caller = dial(stack.kamailio, '0944100003');
      await recordedCall(stack.tdb, '0944100003', 'queued');
      await caller.ok();
      await backup.ok();
      const call = await recordedCall(stack.tdb, '0944100003', 'ended');
      expect(call).toMatchObject({ overflowTo: backupUri, overflowReason: 'waited' });
      // It waited its queue timeout (3 s) before it went.
      expect(Date.parse(call.answeredAt!) - Date.parse(call.arrivedAt)).toBeGreaterThanOrEqual(3000);
    } finally {
      await desk.close();
    }
  });

  it('sends a call over the queue cap there, and counts overflowed calls on the wallboard', async () => {
    const desk = await loggedInNotReady('7102');
    try {
      // The first call fills the queue (MAX_QUEUED_CALLS=1) and waits; the second overflows at once.
      const backup = centreOn(backupPort);
      const first = dial(stack.kamailio, '0944100004', {
        scenario: 'caller-abandons.xml',
        args: ['-d', '2500'],
      });
      await recordedCall(stack.tdb, '0944100004', 'queued');
      await dial(stack.kamailio, '0944100005').ok();
      await backup.ok();
      const call = await recordedCall(stack.tdb, '0944100005', 'ended');
      expect(call).toMatchObject({ overflowTo: backupUri, overflowReason: 'queue-full' });
      await first.ok();
    } finally {
      await desk.close();
    }
    const supervisor = await stack.loginAs('supervisor');
    const stats = (await (await supervisor.fetch('/api/calls/stats')).json()) as CallStats;
    expect(stats.overflowedToday).toBeGreaterThanOrEqual(4);
  });

  it('places the call again when the destination refuses it: the caller is never failed', async () => {
    // Nobody answers on the backup port: the overflow fails, the call comes back to the queue.
    const desk = await loggedInNotReady('7103');
    try {
      const caller = dial(stack.kamailio, '0944100006', {
        scenario: 'caller-abandons.xml',
        args: ['-d', '12000'],
      });
      const call = await recordedCall(stack.tdb, '0944100006', 'fallback', 20_000);
      expect(call.overflowReason).toBe('waited');
      await recordedCall(stack.tdb, '0944100006', 'queued', 20_000);
      await caller.ok();
    } finally {
      await desk.close();
    }
  });
});

describe('without call control', () => {
  it('sends the call to the overflow destination when no fallback phone is registered, recorded once call control is back', async () => {
    await stack.control?.kill();
    const backup = centreOn(backupPort);
    await dial(stack.kamailio, '0944100007').ok();
    await backup.ok();
    await stack.startControl();
    const call = await recordedCall(stack.tdb, '0944100007', 'ended');
    expect(call).toMatchObject({ overflowTo: backupUri, overflowReason: 'no-call-control' });
    expect(call.answeredAt).not.toBeNull();
  });
});
