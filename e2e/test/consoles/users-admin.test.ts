// The administrator's users screen in Chromium: deactivating a call-taker closes their open console at once
// (back to the login form) and refuses their login until reactivated; resetting a password and ending sessions sign
// the user's open consoles out; every user changes their own password from any console; Vietnamese too.
import type { Browser, Page } from 'playwright-core';
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
  // The list is read again after the notice: wait for the row to say so.
  await expect.poll(() => row.locator('td').nth(4).textContent(), { timeout: 30_000 }).toBe('Deactivated');
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

/** Signs in on the login form already shown; `expectRefused`: the alert instead of the console. */
async function signInOnForm(page: Page, username: string, password: string, expectRefused = false) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (expectRefused)
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('Wrong username or password');
  else await page.getByTestId('current-user').waitFor({ timeout: 30_000 });
}

it('a call-taker changes their own password from the console: a wrong current one is refused, the other console signs out', async () => {
  const desk = await newConsole(browser);
  await logInAs(desk.page, system.url, 'ct3');
  const elsewhere = await newConsole(browser);
  await logInAs(elsewhere.page, system.url, 'ct3');

  await desk.page.getByRole('button', { name: 'My password' }).click();
  const dialog = desk.page.getByRole('dialog', { name: 'Change my password' });
  await dialog.getByLabel('Current password').fill('not my password at all');
  await dialog.getByLabel('New password (at least 10 characters)').fill('ct3-own-choice-2026');
  await dialog.getByLabel('New password again').fill('ct3-own-choice-2026');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await dialog.getByRole('alert').getByText('The current password is wrong.').waitFor({ timeout: 30_000 });

  await dialog.getByLabel('Current password').fill('demo-ct3-112');
  await dialog.getByLabel('New password again').fill('ct3-own-choice-2027');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await dialog.getByRole('alert').getByText('The two new passwords differ.').waitFor();

  await dialog.getByLabel('New password again').fill('ct3-own-choice-2026');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await dialog.getByRole('status').getByText('Password changed.').waitFor({ timeout: 30_000 });
  await screenshot(desk.page, 'own-password');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The other console is signed out at once; this one stays.
  await elsewhere.page.getByLabel('Username').waitFor({ timeout: 30_000 });
  await desk.page.getByTestId('current-user').waitFor();
  expect(await desk.page.getByRole('dialog').count()).toBe(0);
  await signInOnForm(elsewhere.page, 'ct3', 'demo-ct3-112', true);
  await signInOnForm(elsewhere.page, 'ct3', 'ct3-own-choice-2026');
  await desk.context.close();
  await elsewhere.context.close();
});

it('offers the own-password dialog on every console, in Vietnamese too', async () => {
  const dispatcher = await newConsole(browser, 'vi');
  await logInAs(dispatcher.page, system.url, 'dsp1');
  await dispatcher.page.getByRole('button', { name: 'Mật khẩu của tôi' }).click();
  const dialog = dispatcher.page.getByRole('dialog', { name: 'Đổi mật khẩu của tôi' });
  await dialog.getByLabel('Mật khẩu hiện tại').fill('demo-dsp1-112');
  await dialog.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('ngắn');
  await dialog.getByLabel('Nhập lại mật khẩu mới').fill('ngắn');
  await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await dialog.getByRole('alert').getByText('Mật khẩu mới cần ít nhất 10 ký tự.').waitFor();
  await screenshot(dispatcher.page, 'own-password-vi');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  expect(await dispatcher.page.getByRole('dialog').count()).toBe(0);
  await dispatcher.context.close();

  for (const username of ['sup1', 'admin']) {
    const other = await newConsole(browser);
    await logInAs(other.page, system.url, username);
    await other.page.getByRole('button', { name: 'My password' }).click();
    await other.page.getByRole('dialog', { name: 'Change my password' }).waitFor();
    await other.context.close();
  }
});

it("an admin resets a dispatcher's password and ends a supervisor's sessions: each open console signs out", async () => {
  const dispatcher = await newConsole(browser);
  await logInAs(dispatcher.page, system.url, 'dsp2');
  const supervisor = await newConsole(browser);
  await logInAs(supervisor.page, system.url, 'sup1');
  const admin = await newConsole(browser);
  await logInAs(admin.page, system.url, 'admin', '#/users');
  await admin.page.getByRole('heading', { name: 'Users' }).waitFor();

  await admin.page
    .locator('tr[data-username="dsp2"]')
    .getByRole('button', { name: 'Reset password' })
    .click();
  await admin.page.getByLabel('New password for dsp2').fill('dsp2-given-by-admin');
  await admin.page.getByRole('button', { name: 'Set password', exact: true }).click();
  await admin.page.getByRole('status').getByText('New password set for dsp2').waitFor({ timeout: 30_000 });
  await dispatcher.page.getByLabel('Username').waitFor({ timeout: 30_000 });
  await signInOnForm(dispatcher.page, 'dsp2', 'demo-dsp2-112', true);
  await signInOnForm(dispatcher.page, 'dsp2', 'dsp2-given-by-admin');

  await admin.page.locator('tr[data-username="sup1"]').getByRole('button', { name: 'End sessions' }).click();
  await admin.page.getByRole('status').getByText('Every session of sup1 ended.').waitFor({ timeout: 30_000 });
  await supervisor.page.getByLabel('Username').waitFor({ timeout: 30_000 });
  // The account itself is untouched: the same password signs in again.
  await signInOnForm(supervisor.page, 'sup1', 'demo-sup1-112');
  for (const c of [dispatcher, supervisor, admin]) await c.context.close();
});
