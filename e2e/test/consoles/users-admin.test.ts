// The administrator's users screen in Chromium: deactivating a call-taker closes their open console at once
// (back to the login form) and refuses their login until reactivated; the screen speaks Vietnamese too.
import type { Browser } from 'playwright-core';
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

it('deactivates a signed-in call-taker: their console returns to the login form; reactivation lets them back', async () => {
  const taker = await newConsole(browser);
  await logInAs(taker.page, system.url, 'ct2');
  const admin = await newConsole(browser);
  await logInAs(admin.page, system.url, 'admin', '#/users');
  await admin.page.getByRole('heading', { name: 'Users' }).waitFor();
  const row = admin.page.locator('tr[data-username="ct2"]');
  await row.getByRole('button', { name: 'Deactivate' }).click();
  await admin.page.getByRole('status').getByText('ct2 is deactivated').waitFor({ timeout: 30_000 });
  expect(await row.locator('td').nth(4).textContent()).toBe('Deactivated');
  await screenshot(admin.page, 'users-admin');

  await taker.page.getByLabel('Username').waitFor({ timeout: 30_000 });
  await taker.page.getByLabel('Username').fill('ct2');
  await taker.page.getByLabel('Password').fill('wrong or right, the account is off');
  await taker.page.getByRole('button', { name: 'Sign in' }).click();
  await expect
    .poll(() => taker.page.getByRole('alert').textContent(), { timeout: 30_000 })
    .toContain('Wrong username or password');

  await row.getByRole('button', { name: 'Reactivate' }).click();
  await admin.page.getByRole('status').getByText('ct2 can sign in again').waitFor({ timeout: 30_000 });
  await logInAs(taker.page, system.url, 'ct2');
  await taker.context.close();
  await admin.context.close();
});

it('shows the users screen in Vietnamese, only to an admin', async () => {
  const admin = await newConsole(browser, 'vi');
  await logInAs(admin.page, system.url, 'admin', '#/users');
  await admin.page.getByRole('heading', { name: 'Người dùng', exact: true }).waitFor();
  await admin.page
    .locator('tr[data-username="ct1"]')
    .getByRole('button', { name: 'Khóa tài khoản' })
    .waitFor();
  await screenshot(admin.page, 'users-admin-vi');
  await admin.context.close();
  const supervisor = await newConsole(browser);
  await logInAs(supervisor.page, system.url, 'sup1', '#/users');
  expect(await supervisor.page.locator('.shell-nav a').allTextContents()).not.toContain('Users');
  await supervisor.page.getByRole('heading', { name: 'Wallboard' }).waitFor();
  await supervisor.context.close();
});
