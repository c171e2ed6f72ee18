// The consoles on a laptop's 1366×768 screen, in Chromium against the whole system (SIPp caller, SIPp desk phone):
// the dispatch console with an incident selected (map, list, detail with recommendations, unit board, cameras) and
// the call-taker console with a call in hand and a duplicate nearby fit the window, the page itself never scrolls
// (panels scroll inside), and the administrator's navigation fits the header. Screenshots at 1366×768 and 1600×900.
import type { Incident } from '@hcm112/shared';
import { dial, type Phone, type SippRun, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seriousViolations } from '../../src/harness/accessibility.ts';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { chooseDeskPhone, launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { LAPTOP } from '../../src/harness/two-sizes.ts';

const WIDE = { width: 1600, height: 900 };
// A caller near the Bến Thành market whose phone sends its position with a 25 m circle.
const SCENE = { lat: 10.7728, lon: 106.6986 };
const pidfCircle = `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${SCENE.lat} ${SCENE.lon}</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9001">25</gs:radius></gs:Circle>`;
const CALLER = '0908333444';

let system: RunningSystem;
let browser: Browser;
let dsp: ApiClient;
let fire: Incident;
const callers: SippRun[] = [];
let phone: Phone | undefined;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
  dsp = await loginDemo(system.url, 'dsp1');
  // An open fire at the market with one engine on its way: the detail has assigned units, recommendations and
  // cameras, and the call-taker's form offers it as a possible duplicate.
  fire = (
    await dsp.expectJson<{ incident: Incident }>(
      'POST',
      '/incidents',
      {
        type: 'fire',
        subtype: 'structure-fire',
        location: { point: SCENE, address: 'Chợ Bến Thành, Quận 1' },
        note: 'Smoke from the stalls on the east side',
      },
      201,
    )
  ).incident;
  const { recommendations } = await dsp.expectJson<{ recommendations: { unitId: string }[] }>(
    'GET',
    `/incidents/${fire.id}/recommendations`,
  );
  await dsp.expectJson('POST', `/incidents/${fire.id}/assignments`, {
    unitIds: [recommendations[0]!.unitId],
  });
});

afterAll(async () => {
  for (const c of callers) c.stop();
  phone?.run.stop();
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await browser?.close();
  await system?.stop();
});

/** How far the page itself (not a panel inside it) scrolls, down and across; 0 when it fits the window. */
function pageOverflow(page: Page): Promise<{ down: number; across: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return {
      down: Math.max(0, root.scrollHeight - window.innerHeight),
      across: Math.max(0, root.scrollWidth - window.innerWidth),
    };
  });
}

/** The parts of the screen matched by `selectors` that are cut off by the window's bottom or right edge. */
function cutOff(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate(
    (list) =>
      list.filter((s) => {
        const box = document.querySelector(s)?.getBoundingClientRect();
        return !box || box.bottom > window.innerHeight + 0.5 || box.right > window.innerWidth + 0.5;
      }),
    selectors,
  );
}

it('fits the dispatch console with an incident selected in 1366×768, the page never scrolling', async () => {
  const page = await openConsole(browser, system.url, 'dsp1', { screen: '#/dispatch', viewport: LAPTOP });
  await page.locator('.unit-board tr[data-callsign]').first().waitFor({ timeout: 30_000 });
  await page.locator(`.incident-row[data-incident-id="${fire.id}"]`).click();
  await page.locator('.rec-row').first().waitFor({ timeout: 30_000 });
  await page.locator('.camera-tile').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'console-fit-dispatch-1366');
  expect.soft(await seriousViolations(page), 'accessibility').toEqual([]);
  expect.soft(await pageOverflow(page)).toEqual({ down: 0, across: 0 });
  expect
    .soft(
      await cutOff(page, [
        '.incident-list',
        '.dispatch-map',
        '.unit-board',
        '.dispatch-right',
        '.alerts-panel',
      ]),
    )
    .toEqual([]);
  await page.setViewportSize(WIDE);
  await screenshot(page, 'console-fit-dispatch-1600');
  expect.soft(await pageOverflow(page)).toEqual({ down: 0, across: 0 });
  await page.context().close();
});

it('fits the call-taker console with a call in hand and a duplicate in 1366×768, the page never scrolling', async () => {
  const page = await openConsole(browser, system.url, 'ct1', { viewport: LAPTOP });
  await chooseDeskPhone(page);
  phone = await startPhone(system.kamailio!, '1001', { calls: 1 });
  callers.push(
    dial(system.kamailio!, CALLER, {
      scenario: 'caller-with-location-stays.xml',
      args: ['-timeout', '240s'],
      keys: { location: pidfCircle, note: 'console-fit' },
    }),
  );
  await page.keyboard.press('Alt+R');
  await page
    .locator('.call-panel')
    .getByTestId('caller-number')
    .filter({ hasText: CALLER })
    .waitFor({ timeout: 60_000 });
  await page.getByRole('combobox', { name: /^Type/ }).fill('structure fire');
  await page
    .getByRole('option', { name: /Structure fire/ })
    .first()
    .click();
  await page
    .locator(`section.duplicates [data-incident-number="${fire.number}"]`)
    .waitFor({ timeout: 30_000 });
  await page.locator('.caller-map .leaflet-interactive').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'console-fit-calltaker-1366');
  // The form with a call in hand is only reached with telephony: its accessibility is checked here.
  expect.soft(await seriousViolations(page), 'accessibility').toEqual([]);
  expect.soft(await pageOverflow(page)).toEqual({ down: 0, across: 0 });
  expect.soft(await cutOff(page, ['.ct-side', '.ct-main'])).toEqual([]);
  await page.setViewportSize(WIDE);
  await screenshot(page, 'console-fit-calltaker-1600');
  expect.soft(await pageOverflow(page)).toEqual({ down: 0, across: 0 });
  await page.context().close();
});

it("fits the administrator's navigation and each admin screen in 1366×768", async () => {
  for (const lang of ['vi', 'en'] as const) {
    const page = await openConsole(browser, system.url, 'admin', {
      screen: '#/users',
      viewport: LAPTOP,
      lang,
    });
    await page.locator('tr[data-username="ct1"]').waitFor({ timeout: 30_000 });
    const nav = page.locator('nav.shell-nav');
    expect(await nav.getByRole('link').count()).toBe(7);
    // Every entry is in view at once: nothing hides past a horizontal scroll of the navigation or the header.
    expect.soft(await nav.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    for (const link of await nav.getByRole('link').all()) {
      const box = (await link.boundingBox())!;
      expect.soft(box.x).toBeGreaterThanOrEqual(0);
      expect.soft(box.x + box.width).toBeLessThanOrEqual(LAPTOP.width);
      expect.soft(box.y + box.height).toBeLessThanOrEqual(LAPTOP.height);
    }
    for (const screen of ['users', 'hospitals', 'cameras', 'sources', 'api', 'dispatch']) {
      await page.goto(`${system.url}/#/${screen}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
      await screenshot(page, `console-fit-admin-${screen}-${lang}-1366`);
      expect.soft(await pageOverflow(page), screen).toEqual({ down: 0, across: 0 });
    }
    await page.setViewportSize(WIDE);
    await screenshot(page, `console-fit-admin-dispatch-${lang}-1600`);
    await page.context().close();
  }
});
