// The admin's API reference screen in Chromium: the generated document rendered with its routes, from the server
// alone (the viewer is bundled: no request leaves the server), in English and Vietnamese, and only for admins.
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

/** Every URL the page requests, from before the login on. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

it('renders every route of the document from the server alone', async () => {
  const admin = await newConsole(browser);
  const requests = recordRequests(admin.page);
  await logInAs(admin.page, system.url, 'admin', '#/api');
  await admin.page.getByRole('heading', { name: 'API reference' }).waitFor();
  await admin.page.locator('.swagger-ui .opblock-tag').first().waitFor({ timeout: 60_000 });
  const document = (await admin.page.evaluate(() => fetch('/api/openapi.json').then((r) => r.json()))) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const documented = [...new Set(Object.keys(document.paths))].sort();
  // The groups start closed (the screen's comment says why): open each in turn and collect its paths.
  const groups = await admin.page
    .locator('.swagger-ui .opblock-tag')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-tag') ?? ''));
  const shown = new Set<string>();
  for (const name of groups) {
    const tag = admin.page.locator(`.opblock-tag[data-tag="${name}"]`);
    const section = admin.page.locator('.swagger-ui .opblock-tag-section', { has: tag });
    await tag.click();
    await section.locator('.opblock-summary-path').first().waitFor({ timeout: 10_000 });
    for (const path of await section.locator('.opblock-summary-path').allTextContents())
      shown.add(path.replace(/\u200b/g, ''));
    await tag.click();
  }
  expect([...shown].sort()).toEqual(documented);
  await admin.page.locator('.swagger-ui .opblock-tag[data-tag="analytics"]').click();
  await screenshot(admin.page, 'api-reference');
  await admin.page.locator('.opblock-summary-path', { hasText: '/analytics/events' }).first().click();
  await admin.page.getByText('An analytics source, by its HMAC signature').first().waitFor();
  await screenshot(admin.page, 'api-reference-analytics');
  const origin = new URL(system.url).origin;
  const elsewhere = requests.filter(
    (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
  expect(elsewhere).toEqual([]);
  await admin.context.close();
});

it('shows the screen in Vietnamese, and not to a supervisor', async () => {
  const admin = await newConsole(browser, 'vi');
  await logInAs(admin.page, system.url, 'admin', '#/api');
  await admin.page.getByRole('heading', { name: 'Tài liệu API' }).waitFor();
  await admin.page.locator('.swagger-ui .opblock-tag').first().waitFor({ timeout: 60_000 });
  await screenshot(admin.page, 'api-reference-vi');
  await admin.context.close();
  const supervisor = await newConsole(browser);
  await logInAs(supervisor.page, system.url, 'sup1', '#/api');
  expect(await supervisor.page.locator('.shell-nav a').allTextContents()).not.toContain('API');
  expect(await supervisor.page.getByRole('heading', { name: 'API reference' }).count()).toBe(0);
  await supervisor.context.close();
});
