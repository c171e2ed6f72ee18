// A call event that can never be recorded reaches the supervisor's wallboard: counted, listed with why, and gone
// from the wall once a supervisor notes what they did.
import { CallEventSink } from '@hcm112/telephony/call-events';
import { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, logInAs, newConsole, screenshot } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';

let system: RunningSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startSystem({ telephony: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

it('lists a parked call event on the wallboard until a supervisor marks it handled', async () => {
  const sipCallId = `never-arrived-${Date.now()}@phone`;
  const connection = new Redis(system.redisUrl, { maxRetriesPerRequest: null });
  // An answer for a call never recorded: it can never apply. Two tries instead of call control's many.
  const sink = new CallEventSink(connection, system.redisPrefix, 'test', pino({ level: 'silent' }), {
    attempts: 2,
  });
  sink.emit({ type: 'answered', sipCallId, at: new Date().toISOString(), extension: '1001' });
  await sink.close();
  connection.disconnect();

  const { page, context } = await newConsole(browser);
  await logInAs(page, system.url, 'sup1', '#/wallboard');
  const section = page.getByRole('region', { name: 'Call events not recorded' });
  await section.getByRole('cell', { name: sipCallId, exact: true }).waitFor({ timeout: 60_000 });
  expect(await page.locator('[data-figure="failed-call-events"] .wb-number').textContent()).toBe('1');
  await screenshot(page, 'wallboard-failed-call-events');
  await section.getByLabel('What was done').fill('entered the call from the phone log');
  await section.getByRole('button', { name: 'Mark handled' }).click();
  await section.waitFor({ state: 'detached', timeout: 30_000 });
  await context.close();
});
