// Logging in as each role through the login form: the shell shows who is on duty, the live connection, and only
// the screens that role may use; wrong passwords are refused in words; the console speaks Vietnamese too.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { launchChromium, logInAs, newConsole, screenshot } from '../../src/harness/browser.ts';

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

async function navLabels(page: import('playwright-core').Page): Promise<string[]> {
  return page.locator('.shell-nav a').allTextContents();
}

it('refuses a wrong password with a message and keeps the form', async () => {
  const { page, context } = await newConsole(browser);
  await page.goto(system.url);
  await page.getByLabel('Username').fill('dsp1');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect
    .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
    .toContain('Wrong username or password');
  await screenshot(page, 'login-refused');
  await context.close();
});

it('gives a call-taker the call-taker console with the live queue', async () => {
  const { page, context } = await newConsole(browser);
  await logInAs(page, system.url, 'ct1');
  expect(await navLabels(page)).toEqual(['Call-taker console']);
  expect(await page.getByTestId('current-user').textContent()).toContain('Call-taker');
  await page.getByRole('heading', { name: 'Call-taker console' }).waitFor();
  expect(await page.locator('output.conn').textContent()).toContain('Live');
  await screenshot(page, 'call-taker');
  await context.close();
});

it('gives a dispatcher the dispatch console and nothing else, even when another screen is asked for', async () => {
  const { page, context } = await newConsole(browser);
  await logInAs(page, system.url, 'dsp1', '#/wallboard');
  expect(await navLabels(page)).toEqual(['Dispatch console']);
  await page.locator('.unit-board tbody tr').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'dispatch');
  await context.close();
});

it('gives a supervisor the wallboard and a read-only dispatch view', async () => {
  const { page, context } = await newConsole(browser);
  await logInAs(page, system.url, 'sup1');
  expect(await navLabels(page)).toEqual(['Wallboard', 'Dispatch (read only)', 'Hospitals']);
  await page.getByRole('heading', { name: 'Wallboard' }).waitFor();
  await screenshot(page, 'wallboard');
  await page.getByRole('link', { name: 'Dispatch (read only)' }).click();
  await page.getByText('Read only: your role can watch but not dispatch.').waitFor();
  await page.locator('.unit-board tbody tr').first().waitFor({ timeout: 30_000 });
  expect(await page.locator('.status-select').count()).toBe(0);
  await screenshot(page, 'dispatch-supervisor-read-only');
  await context.close();
});

it('gives an admin the dispatch and wallboard screens', async () => {
  const { page, context } = await newConsole(browser);
  await logInAs(page, system.url, 'admin');
  expect(await navLabels(page)).toEqual([
    'Dispatch console',
    'Wallboard',
    'Users',
    'Hospitals',
    'Cameras',
    'Analytics',
    'API',
  ]);
  expect(await page.getByTestId('current-user').textContent()).toContain('Administrator');
  // Admins watch the floor like supervisors: the read-only dispatch view with its units, and the wallboard.
  await page.getByText('Read only: your role can watch but not dispatch.').waitFor({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Unit status board' }).waitFor({ timeout: 30_000 });
  await page.locator('.unit-board tr[data-unit-id]').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'admin');
  await page.getByRole('link', { name: 'Wallboard' }).click();
  await page.getByRole('heading', { name: 'Wallboard' }).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('alert').count()).toBe(0);
  await context.close();
});

it('speaks Vietnamese by choice and remembers it', async () => {
  const { page, context } = await newConsole(browser, 'vi');
  await logInAs(page, system.url, 'dsp2');
  await page.getByRole('heading', { name: 'Bảng trạng thái lực lượng' }).waitFor();
  expect(await page.locator('output.conn').textContent()).toContain('Trực tuyến');
  await screenshot(page, 'dispatch-vi');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Unit status board' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Unit status board' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await context.close();
});
