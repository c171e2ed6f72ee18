// The wall display (TV mode) against the whole system: a supervisor makes a browser a wall display (their own
// login on it ends), the display shows who is at their console, a call to 114 queues and the waiting figures,
// the split by number and the calls of this hour change on the wall without anyone touching it; the board fits
// one screen at 1920x1080 and 1366x768 with key figures at least 32 px high; revoking the display blanks it.
import type { WallDisplay } from '@hcm112/shared';
import { dial, unregisterPhones, waitFor } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectAccessible } from '../../src/harness/accessibility.ts';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { LAPTOP, MONITOR } from '../../src/harness/two-sizes.ts';

let system: RunningSystem;
let browser: Browser;
let wall: Page;
let supervisor: ApiClient;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
  supervisor = await loginDemo(system.url, 'sup1');
  wall = await openConsole(browser, system.url, 'sup1', { screen: '#/wallboard', viewport: MONITOR });
});

afterAll(async () => {
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await browser?.close();
  await system?.stop();
});

const text = (selector: string) => wall.locator(selector).first().textContent();

/** The wall after it read the server again: waits until `check` holds on what it shows. */
async function wallShows(what: string, check: () => Promise<boolean>): Promise<void> {
  await waitFor(async () => ((await check()) ? true : undefined), what, 60_000);
}

/** Nothing scrolls, and each named element's font is at least `min` px. */
async function layout(): Promise<{ scrolls: boolean; smallest: Record<string, number> }> {
  return wall.evaluate(() => {
    const el = document.documentElement;
    const px = (sel: string) =>
      Math.min(
        ...Array.from(document.querySelectorAll(sel)).map((e) =>
          Number.parseFloat(getComputedStyle(e).fontSize),
        ),
      );
    const main = document.querySelector('main.tv')!.getBoundingClientRect();
    return {
      scrolls:
        el.scrollHeight > window.innerHeight ||
        el.scrollWidth > window.innerWidth ||
        main.bottom > window.innerHeight + 0.5,
      smallest: { value: px('.tv-value'), service: px('.tv-service-count'), clock: px('.tv-clock') },
    };
  });
}

it('becomes a wall display on the supervisor making it one, and ends their login there', async () => {
  await wall.getByRole('heading', { name: 'Wall displays' }).scrollIntoViewIfNeeded();
  await wall.setViewportSize(LAPTOP);
  await screenshot(wall, 'wallboard-displays-1366');
  await wall.setViewportSize(MONITOR);
  await wall.getByLabel(/^Where it hangs/).fill('Tường phòng trực');
  await wall.getByLabel(/^Days signed in/).fill('14');
  await wall.getByRole('button', { name: 'Make this screen a wall display' }).click();
  await wall.waitForURL(/#\/tv$/);
  await wall.getByText(/Display “Tường phòng trực”, signed in until/).waitFor();
  expect(await wall.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).toBe(401);
  const { displays } = await supervisor.expectJson<{ displays: WallDisplay[] }>('GET', '/wallboard/displays');
  expect(displays[0]).toMatchObject({ name: 'Tường phòng trực', createdBy: 'sup1', revokedAt: null });
});

it('shows a dispatcher at their console, by name', async () => {
  const desk = await openConsole(browser, system.url, 'dsp1', { screen: '#/dispatch' });
  const row = wall.locator('.tv-person', { hasText: 'Phạm Quốc Bảo' });
  await wallShows('the dispatcher at their console on the wall', async () => {
    return (await row.count()) === 1 && (await row.getAttribute('data-state')) === 'console-open';
  });
  expect(await row.textContent()).toMatch(/Dispatcher[\s\S]*At console[\s\S]*\d+:\d\d/);
  await desk.context().close();
});

it('shows a call to 114 waiting, then abandoned, without anyone touching the wall', async () => {
  const hourBefore = Number((await text('.tv-now .tv-bar-count')) || '0');
  const abandonedBefore = await text('[data-figure="abandoned-rate"] .tv-note');
  // Nobody is ready: the caller waits 25 s in the queue, then gives up.
  const caller = dial(system.kamailio!, '0912777888', {
    service: '114',
    scenario: 'caller-abandons.xml',
    args: ['-d', '25000'],
  });
  await wallShows('the waiting call on the wall', async () => {
    return (
      (await text('[data-figure="waiting"] .tv-value')) === '1' &&
      (await text('[data-service="114"] .tv-service-count')) === '1'
    );
  });
  expect(await text('[data-service="112"] .tv-service-count')).toBe('0');
  expect(await wall.locator('.tv-waiting li[data-service="114"]').count()).toBe(1);
  expect(Number(await text('.tv-now .tv-bar-count'))).toBe(hourBefore + 1);

  const big = await layout();
  expect(big.scrolls).toBe(false);
  expect(big.smallest.value).toBeGreaterThanOrEqual(32);
  expect(big.smallest.service).toBeGreaterThanOrEqual(32);
  await screenshot(wall, 'wallboard-tv-1920');
  await expectAccessible(wall, 'wallboard TV mode');
  await wall.setViewportSize(LAPTOP);
  expect((await layout()).scrolls).toBe(false);
  await screenshot(wall, 'wallboard-tv-1366');
  await wall.setViewportSize(MONITOR);

  await caller.ok();
  await wallShows('the wall to count the caller who gave up', async () => {
    return (
      (await text('[data-figure="waiting"] .tv-value')) === '0' &&
      (await text('[data-figure="abandoned-rate"] .tv-note')) !== abandonedBefore
    );
  });
  expect(await text('[data-service="114"] .tv-service-count')).toBe('0');
  await wall.evaluate(() => localStorage.setItem('e112.lang', 'vi'));
  await wall.reload();
  await wall.getByRole('heading', { name: 'Cấp cứu 112 · Bảng giám sát' }).waitFor();
  await screenshot(wall, 'wallboard-tv-vi-1920');
});

it('blanks the wall with a clear message once the display is revoked', async () => {
  const { displays } = await supervisor.expectJson<{ displays: WallDisplay[] }>('GET', '/wallboard/displays');
  await supervisor.expectJson('POST', `/wallboard/displays/${displays[0]!.id}/revoke`, {});
  await wall.getByRole('heading', { name: /Màn hình này chưa được đăng nhập/ }).waitFor({ timeout: 30_000 });
  expect(await wall.locator('[data-figure]').count()).toBe(0);
  await screenshot(wall, 'wallboard-tv-revoked');
});
