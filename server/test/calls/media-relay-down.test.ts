// rtpengine stops in the middle of the day: the wallboard's figures say so, a browser call-taker offered a call is
// made not ready with the reason no-media-relay, and the call goes to a desk phone with direct two-way media.
import type { CallStats, CallTakerStatus } from '@hcm112/shared';
import { type Rtpengine, toneRatio, waitFor, toneCall } from '@hcm112/telephony/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Client } from '../support/server.ts';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';
import { startWsPhone } from './ws-phone.ts';

const CALLER_HZ = 1000;
const PHONE_HZ = 440;

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '4000' } });
let relay: Rtpengine;
let supervisor: Client;

beforeAll(async () => {
  if (!stack.kamailio.rtpengine) throw new Error('the test Kamailio runs without its media relay');
  relay = stack.kamailio.rtpengine;
  supervisor = await stack.loginAs('supervisor');
});

/** The wallboard's figures once they report the media relay `state`. */
function relayShown(state: CallStats['mediaRelay']): Promise<CallStats> {
  return waitFor(async () => {
    const stats = (await (await supervisor.fetch('/api/calls/stats')).json()) as CallStats;
    return stats.mediaRelay === state ? stats : undefined;
  }, `the wallboard figures to show the media relay ${state}`);
}

describe('media relay down', () => {
  test('browser call-takers are skipped as not ready (no-media-relay); a desk phone answers with two-way media', {
    timeout: 90_000,
  }, async () => {
    await relayShown('up');
    await relay.stop();
    await relayShown('down');

    // The browser call-taker has waited longest, so the ACD offers the call to them first.
    const browser = await callTaker(stack, '2401');
    const wsPhone = startWsPhone(stack.kamailio, '2401');
    expect(await wsPhone.registered).toBe(200);
    let deskTaker: Client | undefined;
    const desk = await toneCall(stack.kamailio, {
      extension: '2402',
      caller: '0907000401',
      callerHz: CALLER_HZ,
      phoneHz: PHONE_HZ,
      callMs: 3000,
      capture: true,
      beforeDial: async () => {
        deskTaker = await callTaker(stack, '2402');
      },
    });
    const { callerMedia, phoneMedia } = desk;
    const packets = await desk.finished();
    const call = await recordedCall(stack.tdb, '0907000401', 'ended');
    wsPhone.close();

    expect(call.agentUserId).toBe(deskTaker?.user.id);
    const { callTakers } = (await (await supervisor.fetch('/api/calltakers')).json()) as {
      callTakers: CallTakerStatus[];
    };
    expect(callTakers.find((c) => c.userId === browser.user.id)?.state).toBe('not-ready');
    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('target_id', '=', browser.user.id)
      .where('actor_name', '=', 'telephony')
      .execute();
    expect(audit).toContainEqual({
      action: 'calltaker.not-ready',
      after: expect.objectContaining({ reason: 'no-media-relay' }),
    });

    // Direct media: each side hears the other's tone, sent straight between the two SIPp peers.
    const toCaller = packets.filter((p) => p.dstPort === callerMedia);
    const toPhone = packets.filter((p) => p.dstPort === phoneMedia);
    // At least a second of each side's 3 s (50 packets a second); a loaded machine captures fewer than all 150.
    expect(toCaller.length).toBeGreaterThan(50);
    expect(toPhone.length).toBeGreaterThan(50);
    expect(toCaller.every((p) => p.srcPort === phoneMedia)).toBe(true);
    expect(
      toneRatio(
        toCaller.map((p) => p.payload),
        PHONE_HZ,
        CALLER_HZ,
      ),
    ).toBeGreaterThan(1000);
    expect(
      toneRatio(
        toPhone.map((p) => p.payload),
        CALLER_HZ,
        PHONE_HZ,
      ),
    ).toBeGreaterThan(1000);

    await relay.start();
    await relayShown('up');
  });
});
