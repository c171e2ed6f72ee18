// Kamailio restarts (its registrations and calls live in memory): UDP phones are put back from what call
// control kept and take the next call, TCP and WebSocket call-takers are not ready until their phones register
// again, and a call Kamailio no longer holds leaves the queue and the wallboard at once.
import type { CallStats, CallTakerStatus } from '@hcm112/shared';
import {
  controllerInstance,
  dial,
  register,
  startBaresip,
  startPhone,
  waitFor,
} from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import type { Client } from '../support/server.ts';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';
import { startWsPhone } from './ws-phone.ts';

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '4000' } });

const status = async (client: Client) =>
  ((await (await client.fetch('/api/calltakers/me')).json()) as { callTaker: CallTakerStatus }).callTaker;

/** Restarts Kamailio and waits until call control is in sync with the new one. */
async function restartKamailio() {
  await stack.kamailio.restart();
  const { redis, config } = stack.server.ctx;
  await waitFor(
    async () => ((await controllerInstance(redis, config.REDIS_PREFIX)) ? true : undefined),
    'call control to be in sync with the restarted Kamailio',
  );
}

describe('a restart of Kamailio', () => {
  it('keeps UDP phones registered and reachable; TCP and WebSocket call-takers are not ready until they register again', {
    timeout: 90_000,
  }, async () => {
    const tcpTaker = await callTaker(stack, '8102');
    await register(stack.kamailio, '8102', 5999, { transport: 't1' });
    const wsTaker = await callTaker(stack, '8103');
    const wsPhone = startWsPhone(stack.kamailio, '8103');
    try {
      expect(await wsPhone.registered).toBe(200);
      const udpPhone = await startPhone(stack.kamailio, '8101');
      const udpTaker = await callTaker(stack, '8101');
      for (const taker of [tcpTaker, wsTaker, udpTaker]) expect((await status(taker)).state).toBe('ready');

      await restartKamailio();
      for (const taker of [tcpTaker, wsTaker])
        await waitFor(async () => {
          const s = await status(taker);
          return s.state !== 'ready' && s.reason === 'unregistered' ? s : undefined;
        }, 'the call-taker of a TCP or WebSocket phone to be not ready');
      expect(await status(udpTaker)).toMatchObject({ state: 'ready', reason: null });
      expect(await stack.kamailio.rpc('ul.lookup', 'location', 's:8101')).toContain('sip:8101@127.0.0.1');

      await dial(stack.kamailio, '0955000001').ok();
      await udpPhone.run.ok();
      const call = await recordedCall(stack.tdb, '0955000001', 'ended');
      expect(call.agentUserId).toBe(udpTaker.user.id);

      // The TCP phone registers again: registered, and not ready until the call-taker says so.
      await register(stack.kamailio, '8102', 5999, { transport: 't1' });
      await waitFor(
        async () => ((await status(tcpTaker)).state === 'not-ready' ? true : undefined),
        'the TCP phone to count as registered again',
      );
    } finally {
      wsPhone.close();
      await register(stack.kamailio, '8102', 5999, { transport: 't1', expires: 0 });
    }
  });

  it('keeps a real phone (baresip) on UDP registered, and it answers the next call; baresip on TCP is not ready', {
    timeout: 90_000,
  }, async () => {
    const udpPhone = await startBaresip(stack.kamailio, '8201');
    const tcpPhone = await startBaresip(stack.kamailio, '8202', { transport: 'tcp' });
    try {
      const tcpTaker = await callTaker(stack, '8202');
      const udpTaker = await callTaker(stack, '8201');
      await restartKamailio();
      await waitFor(async () => {
        const s = await status(tcpTaker);
        return s.state !== 'ready' ? s : undefined;
      }, 'the call-taker of the TCP baresip to be not ready');
      expect(await status(udpTaker)).toMatchObject({ state: 'ready' });

      await dial(stack.kamailio, '0955000003').ok();
      const call = await recordedCall(stack.tdb, '0955000003', 'ended');
      expect(call.agentUserId).toBe(udpTaker.user.id);
    } finally {
      await udpPhone.stop();
      await tcpPhone.stop();
    }
  });

  it('closes a queued call it lost as abandoned with the callback number, and the wallboard stops counting it', {
    timeout: 90_000,
  }, async () => {
    const supervisor = await stack.loginAs('supervisor');
    const caller = dial(stack.kamailio, '0955000002', { scenario: 'caller-stays-on-line.xml' });
    await recordedCall(stack.tdb, '0955000002', 'queued');
    const waiting = async () =>
      ((await (await supervisor.fetch('/api/calls/stats')).json()) as CallStats).waiting;
    expect(await waiting()).toBeGreaterThanOrEqual(1);

    await restartKamailio();
    // Closed at call control's resync, not when someone goes ready (nobody does here).
    const call = await recordedCall(stack.tdb, '0955000002', 'abandoned', 10_000);
    expect(call).toMatchObject({ callerNumber: '+84955000002', endedBy: 'system' });
    expect(await waiting()).toBe(0);
    caller.stop();
  });
});
