// Every screen of the consoles and the crews' app in Chromium, checked by axe-core: no serious or critical
// accessibility violation (contrast, names, keyboard reach, landmarks), in English and Vietnamese.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seriousViolations } from '../../src/harness/accessibility.ts';
import { launchChromium, logInAs, newConsole } from '../../src/harness/browser.ts';
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

async function check(page: Page, screen: string): Promise<void> {
  expect.soft(await seriousViolations(page), screen).toEqual([]);
}

it('finds no serious or critical violation on any screen', async () => {
  const { context, page } = await newConsole(browser, 'vi');
  await page.goto(system.url);
  await page.getByLabel('Tên đăng nhập').waitFor();
  await check(page, 'login');
  await context.close();

  const ct = await newConsole(browser, 'vi');
  await logInAs(ct.page, system.url, 'ct1', '#/calltaker');
  await ct.page.getByRole('heading', { level: 1 }).first().waitFor();
  await check(ct.page, 'call-taker console');
  await ct.context.close();

  const dsp = await newConsole(browser, 'vi');
  await logInAs(dsp.page, system.url, 'dsp1', '#/dispatch');
  await dsp.page.locator('.unit-board tr[data-callsign]').first().waitFor({ timeout: 30_000 });
  await check(dsp.page, 'dispatch console');
  await dsp.page
    .locator('.unit-board tr[data-callsign]')
    .first()
    .getByRole('button', { name: /^(Ghép thiết bị|Pair device|Ghép thiết bị.*)$/ })
    .click();
  const code = ((await dsp.page.getByTestId('pairing-code').textContent()) ?? '').replace('-', '');
  await check(dsp.page, 'pairing dialog');
  await dsp.context.close();

  const crew = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const phone = await crew.newPage();
  await phone.goto(`${system.url}/crew/?pair=${code}`);
  await phone.getByRole('button').first().waitFor();
  await check(phone, 'crew app pairing');
  await phone.locator('form button[type="submit"]').tap();
  await phone.locator('.crew-callsign').waitFor({ timeout: 30_000 });
  await check(phone, 'crew app');
  await crew.close();

  const sup = await newConsole(browser, 'vi');
  await logInAs(sup.page, system.url, 'sup1', '#/wallboard');
  await sup.page.getByRole('heading', { level: 1 }).first().waitFor();
  await check(sup.page, 'wallboard');
  await sup.page.goto(`${system.url}/#/hospitals`);
  await sup.page.getByRole('heading', { level: 1 }).first().waitFor();
  await check(sup.page, 'hospitals');
  await sup.context.close();

  const admin = await newConsole(browser, 'en');
  await logInAs(admin.page, system.url, 'admin', '#/users');
  await admin.page.locator('tr[data-username="ct1"]').waitFor();
  await check(admin.page, 'users');
  await admin.context.close();
});
