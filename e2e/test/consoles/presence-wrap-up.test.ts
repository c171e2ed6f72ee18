// Call-takers' presence and wrap-up against the whole system: Chromium consoles for two call-takers and a
// supervisor, SIPp phones on their extensions and SIPp callers through Kamailio and call control. A console
// closed mid-shift stops getting calls (the wallboard says why) and the next call goes to the colleague; the
// wrap-up after a call counts down and ending it early brings the next call, whose ringing flashes the title.
import type { Call, CallTakerStatus } from '@hcm112/shared';
import { dial, type Phone, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import {
  chooseDeskPhone,
  launchChromium,
  logInAs,
  newConsole,
  openConsole,
  screenshot,
} from '../../src/harness/browser.ts';

let system: RunningSystem;
let browser: Browser;
let supervisor: ApiClient;
let wallboard: Page;
let ct1: { context: BrowserContext; page: Page };
let ct2: { context: BrowserContext; page: Page };
let phone2: Phone;

async function callTakerConsole(username: string) {
  const opened = await newConsole(browser);
  await logInAs(opened.page, system.url, username, '#/calltaker');
  // SIPp desk phones take the calls here, not the console's softphone.
  await chooseDeskPhone(opened.page);
  await opened.page.getByRole('button', { name: /Go ready/ }).waitFor({ timeout: 30_000 });
  return opened;
}

async function statusOf(username: string): Promise<CallTakerStatus> {
  const { callTakers } = await supervisor.expectJson<{ callTakers: CallTakerStatus[] }>('GET', '/calltakers');
  return callTakers.find((c) => c.username === username)!;
}

beforeAll(async () => {
  system = await startSystem({
    env: { CONSOLE_HEARTBEAT_TIMEOUT_SECONDS: '3', WRAPUP_SECONDS: '600', WRAPUP_BREAK_WAIT_SECONDS: '600' },
  });
  browser = await launchChromium();
  supervisor = await loginDemo(system.url, 'sup1');
  wallboard = await openConsole(browser, system.url, 'sup1', { screen: '#/wallboard' });
  // Consoles first: a console opens in softphone mode and would take the extension from a desk phone
  // registered before it switched to the desk phone.
  ct1 = await callTakerConsole('ct1');
  ct2 = await callTakerConsole('ct2');
  await startPhone(system.kamailio!, '1001');
  phone2 = await startPhone(system.kamailio!, '1002', {
    calls: 2,
    scenario: 'call-taker-answers-after-a-while.xml',
  });
});

afterAll(async () => {
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await browser?.close();
  await system?.stop();
});

it('stops offering calls to a call-taker whose console closed, and gives the next call to a colleague', async () => {
  // ct1 is ready first, so the longest idle: the call would be theirs if their console were still open.
  await ct1.page.keyboard.press('Alt+R');
  await ct1.page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
  await ct2.page.keyboard.press('Alt+R');
  await ct2.page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
  await wallboard.locator('tr[data-user="ct1"] [data-state="ready"]').waitFor({ timeout: 30_000 });

  await ct1.context.close();
  const reason = wallboard.locator('tr[data-user="ct1"] .wb-reason[data-reason="console-lost"]');
  await reason.waitFor({ timeout: 60_000 });
  expect(await reason.textContent()).toBe('console connection lost');
  expect(await statusOf('ct1')).toMatchObject({ state: 'not-ready', reason: 'console-lost' });
  await screenshot(wallboard, 'wallboard-console-lost');

  await dial(system.kamailio!, '0917000001').ok();
  const { calls } = await supervisor.expectJson<{ calls: Call[] }>('GET', '/calls/recent?caller=0917000001');
  expect(calls[0]?.agentUserId).toBe((await statusOf('ct2')).userId);
});

it('counts the wrap-up down after a call, and ending it early brings the next call, ringing in the title', async () => {
  const page = ct2.page;
  const box = page.locator('.wrap-up-box');
  await box.getByText(/s left before the next call/).waitFor({ timeout: 60_000 });
  await wallboard.locator('tr[data-user="ct2"] [data-state="wrap-up"]').waitFor({ timeout: 30_000 });
  await screenshot(page, 'call-taker-wrap-up');

  // The next caller waits while ct2 wraps up and nobody else is ready.
  const caller = dial(system.kamailio!, '0917000002');
  await page.locator('.queue-table tbody tr', { hasText: '0917000002' }).waitFor({ timeout: 60_000 });
  expect((await statusOf('ct2')).state).toBe('wrap-up');

  // Every title the tab shows from now on, to see it flash while the call rings.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { titles: string[] }).titles = seen;
    new MutationObserver(() => seen.push(document.title)).observe(document.querySelector('title')!, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await box.getByRole('button', { name: /End wrap-up/ }).click();
  await caller.ok();
  await phone2.run.ok();
  const titles = await page.evaluate(() => (window as unknown as { titles: string[] }).titles);
  expect(titles).toContain('☎ Incoming 112 call');
  await expect.poll(() => page.title(), { timeout: 30_000 }).not.toContain('☎');
  const { calls } = await supervisor.expectJson<{ calls: Call[] }>('GET', '/calls/recent?caller=0917000002');
  expect(calls[0]?.agentUserId).toBe((await statusOf('ct2')).userId);
});
