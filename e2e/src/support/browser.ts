// Chromium for browser tests: Debian's chromium through playwright-core, a console signed in through its own
// login form, and screenshots saved to e2e/artifacts for people to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEMO_USERS } from '../../../server/src/seed/demo-users.ts';
import { ARTIFACTS_DIR } from '../harness/paths.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export interface ConsoleOptions {
  lang?: 'vi' | 'en';
  viewport?: { width: number; height: number };
  /** Hash route to open after signing in, e.g. `#/wallboard`. */
  screen?: string;
}

/** A fresh browser context signed in as a demo user through the login form, on the user's home screen. */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: ConsoleOptions = {},
): Promise<Page> {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1600, height: 1000 } });
  const lang = options.lang ?? 'en';
  await context.addInitScript((l) => localStorage.setItem('hcm112.lang', l), lang);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${options.screen ?? ''}`);
  const names =
    lang === 'en' ? ['Username', 'Password', 'Sign in'] : ['Tên đăng nhập', 'Mật khẩu', 'Đăng nhập'];
  await page.getByLabel(names[0]!).fill(user.username);
  await page.getByLabel(names[1]!).fill(user.password);
  await page.getByRole('button', { name: names[2]!, exact: true }).click();
  await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
  return page;
}

/** Saves what the page shows now as e2e/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
