// Hospitals on the consoles: the dispatch map's hospital layer shows every hospital, and a supervisor marking one as
// diverting on the Hospitals screen saves it (the API and a reload agree) and greys it on the dispatch map.
import type { Hospital } from '@hcm112/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';

let system: RunningSystem;
let browser: Browser;
let supervisor: ApiClient;
let hospitals: Hospital[];

beforeAll(async () => {
  system = await startSystem({ telephony: false });
  browser = await launchChromium();
  supervisor = await loginDemo(system.url, 'sup1');
  ({ hospitals } = await supervisor.expectJson<{ hospitals: Hospital[] }>('GET', '/hospitals'));
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const marks = (page: Page) => page.locator('.dispatch-map .hospital-mark');

it('shows every hospital on the dispatch map, none diverting', async () => {
  expect(hospitals.length).toBeGreaterThan(0);
  const page = await openConsole(browser, system.url, 'dsp1', { screen: '#/dispatch' });
  await expect.poll(() => marks(page).count(), { timeout: 30_000 }).toBe(hospitals.length);
  expect(await page.locator('.dispatch-map .hospital-mark.diverting').count()).toBe(0);
  await page.close();
});

it('saves a diversion from the Hospitals screen, and the dispatch map greys that hospital', async () => {
  const chosen = hospitals.find((h) => h.name === 'Bệnh viện Chợ Rẫy') ?? hospitals[0]!;
  const page = await openConsole(browser, system.url, 'sup1', { screen: '#/hospitals' });
  await page.getByLabel('Find a hospital').fill(chosen.name);
  const diverting = page.getByRole('checkbox', { name: `${chosen.name}: Diverting`, exact: true });
  expect(await diverting.isChecked()).toBe(false);
  // The box follows the saved hospital (it turns once the server has answered), so it is clicked, not checked.
  await diverting.click();
  await page
    .getByRole('status')
    .filter({ hasText: `${chosen.name} saved.` })
    .waitFor({ timeout: 10_000 });
  await screenshot(page, 'hospitals-diverting');

  const { hospitals: after } = await supervisor.expectJson<{ hospitals: Hospital[] }>('GET', '/hospitals');
  expect(after.find((h) => h.id === chosen.id)).toMatchObject({
    diverting: true,
    version: chosen.version + 1,
  });
  expect(after.filter((h) => h.diverting).map((h) => h.id)).toEqual([chosen.id]);
  await page.reload();
  await page.getByLabel('Find a hospital').fill(chosen.name);
  await expect
    .poll(() => page.getByRole('checkbox', { name: `${chosen.name}: Diverting`, exact: true }).isChecked())
    .toBe(true);

  const map = await openConsole(browser, system.url, 'dsp1', { screen: '#/dispatch' });
  await expect.poll(() => marks(map).count(), { timeout: 30_000 }).toBe(hospitals.length);
  const greyed = map.locator('.dispatch-map .hospital-mark.diverting');
  expect(await greyed.count()).toBe(1);
  await greyed.hover();
  await map
    .locator('.leaflet-tooltip', { hasText: `${chosen.name} (diverting` })
    .waitFor({ timeout: 10_000 });
});
