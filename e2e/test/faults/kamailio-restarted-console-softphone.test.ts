// Fault: Kamailio restarts under a call-taker whose console softphone (JsSIP, SIP over WebSocket) is registered
// and ready. The WebSocket dies with the process and cannot be put back, so once call control has resynced the
// console shows the call-taker not ready because the phone is not registered; the softphone then reconnects and
// registers again by itself, and after going ready the call-taker answers the next call and hears the caller.
// The consoles reach Kamailio's WebSocket through a proxy that takes no new connection until the console has
// shown that: left free, the softphone may register again before call control resyncs, and the call-taker then
// simply stays ready (also right, but not this test's case).
import { dial, freeMediaPort, type SippRun, writeTone } from '@hcm112/telephony/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { heardFrequency, screenshot } from '../../src/harness/browser.ts';
import { type SoftphoneConsole, startSoftphoneConsole } from '../../src/harness/softphone-console.ts';
import type { RunningSystem } from '../../src/harness/system.ts';
import { callsRecorded, sipPeer } from '../../src/harness/telephony.ts';

const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;
const CALLER = '0909520100';

let desk: SoftphoneConsole | undefined;
let system: RunningSystem;
let page: Page;
let dir: string;
let caller: SippRun | undefined;

beforeAll(async () => {
  desk = await startSoftphoneConsole({
    name: 'kamailio-restart',
    headsetHz: CALLTAKER_HZ,
    system: { sipWsProxy: true },
  });
  ({ system, page, dir } = desk);
  await writeTone(dir, CALLER_HZ, 60);
});

afterAll(async () => {
  caller?.stop();
  await desk?.stop();
});

const registration = () => page.locator('output.phone-reg');
/** The call-taker's state as the ACD holds it, in the console's ready box. */
const agentState = (state: string) => page.locator(`.ready-box .badge[data-state="${state}"]`);

it('shows a ready call-taker not ready after a restart of Kamailio, registers again by itself, and answers the next call', {
  timeout: 240_000,
}, async () => {
  const network = system.sipWsProxy;
  if (!network) throw new Error('the system was started without a proxy to its SIP WebSocket');
  await page.keyboard.press('Alt+R');
  await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });

  network.refuseNew();
  await sipPeer(system).restart();
  // Call control's resync learns the phone is gone: out of the ACD (offline), saying why.
  await page.locator('.reason-notice[data-reason="unregistered"]').waitFor({ timeout: 60_000 });
  await agentState('offline').waitFor();
  await page.getByRole('button', { name: /^Go ready/ }).waitFor();
  expect(await registration().getAttribute('data-state')).not.toBe('registered');
  await screenshot(page, 'kamailio-restart-unregistered');

  await network.restore();
  await page.locator('output.phone-reg[data-state="registered"]').waitFor({ timeout: 60_000 });
  // Registered again, the call-taker is still not ready until they say so.
  await agentState('not-ready').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Go ready/ }).waitFor();
  await screenshot(page, 'kamailio-restart-registered-again');
  await page.keyboard.press('Alt+R');
  await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });

  const callerMedia = await freeMediaPort();
  caller = dial(sipPeer(system), CALLER, {
    scenario: 'caller-talks-tone.xml',
    args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', '8000'],
    cwd: dir,
  });
  const callerResult = caller.ok();
  const panel = page.locator('.call-panel');
  await Promise.race([
    panel.getByRole('button', { name: /Answer/ }).waitFor({ timeout: 60_000 }),
    callerResult.then(() => {
      throw new Error('the caller ended before the call was offered');
    }),
  ]);
  await page.keyboard.press('Alt+A');
  await panel.getByRole('button', { name: /Mute/ }).waitFor({ timeout: 30_000 });
  await expect.poll(() => heardFrequency(page), { timeout: 30_000 }).toBeCloseTo(CALLER_HZ, -2);
  await screenshot(page, 'kamailio-restart-next-call');
  await callerResult;

  const [call] = await callsRecorded(system.database.adminUrl, CALLER, [CALLER], (c) => c.state === 'ended');
  // Answered by the call-taker at this console, as the console's own session names them.
  const me = await page.evaluate(async () => {
    const res = await fetch('/api/auth/me');
    return ((await res.json()) as { user: { id: string } }).user.id;
  });
  expect(call?.agentUserId).toBe(me);
  expect(call?.answeredAt).not.toBeNull();
});
