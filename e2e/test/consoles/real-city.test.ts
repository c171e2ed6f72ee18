// The consoles on the real city (GEODATA_DIR, imported as the demo does it): the dispatch map and the call-taker's
// caller map at street zoom draw the real streets with their names and the 2025 ward outlines, and the caller's
// ward is named. Screenshots of both for people to look at. Skipped, saying why, only when the data folder is absent.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@hcm112/server/config';
import { dial, type Phone, type SippRun, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { chooseDeskPhone, launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';
import { REPO_ROOT } from '../../src/harness/paths.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';

const run = promisify(execFile);
const DATA = loadConfig().GEODATA_DIR;
const present = existsSync(join(DATA, 'hcmc_wards_2025.geojson'));
if (!present) console.warn(`real-city console tests skipped: no real geodata at ${DATA} (set GEODATA_DIR)`);

// SIPp on 127.0.0.2 stands for the carrier's trunk.
const TRUNK = '127.0.0.2';
/** The corner of Lê Lợi and Pasteur in Phường Sài Gòn, a block from its boundary with Phường Bến Thành. */
const CORNER = { lat: 10.77441, lon: 106.701 };
const M = 'uom="urn:ogc:def:uom:EPSG::9001"';
const CIRCLE = `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${CORNER.lat} ${CORNER.lon}</gml:pos><gs:radius ${M}>35</gs:radius></gs:Circle>`;

/** The street tiles a page received, with the street names each carries (labels come from zoom 15). */
function collectStreetNames(page: Page): Set<string> {
  const names = new Set<string>();
  page.on('response', (res) => {
    if (!/\/api\/map\/streets\/1[5-7]\//.test(res.url()) || res.status() !== 200) return;
    res.json().then(
      (tile: { labels: Array<[string, number, number, number]> }) => {
        for (const [name] of tile.labels) names.add(name);
      },
      () => {},
    );
  });
  return names;
}

/** Every street tile in view drawn, and a moment for the labels to be painted. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
}

describe.skipIf(!present)('the consoles on the real city', () => {
  let system: RunningSystem;
  let browser: Browser;
  let importOutput = '';
  const callers: SippRun[] = [];
  let phone: Phone | undefined;

  beforeAll(async () => {
    system = await startSystem({
      env: { TRUSTED_TRUNKS: TRUNK },
      // The demo's own import, before the server starts (a running server sees new polygons within a minute).
      prepare: async (database) => {
        const { stdout } = await run('npm', ['run', '--silent', 'import:geodata', '-w', 'server'], {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            GEODATA_DIR: DATA,
            DATABASE_URL: database.url,
            DATABASE_ADMIN_URL: database.adminUrl,
            LOG_LEVEL: 'silent',
          },
          maxBuffer: 4 * 1024 * 1024,
        });
        importOutput = stdout;
      },
    });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const c of callers) c.stop();
    phone?.run.stop();
    if (system?.kamailio) await unregisterPhones(system.kamailio);
    await browser?.close();
    await system?.stop();
  });

  it('draws the real streets with their names and the ward outlines on the dispatch map at street zoom', async () => {
    expect(importOutput).toContain('wards: 168 imported');
    const api: ApiClient = await loginDemo(system.url, 'dsp1');
    const { incident } = await api.expectJson<{ incident: { id: string } }>(
      'POST',
      '/incidents',
      {
        type: 'traffic',
        subtype: 'motorbike-crash',
        location: { point: CORNER, address: 'Lê Lợi - Pasteur' },
      },
      201,
    );
    const page = await openConsole(browser, system.url, 'dsp1', { screen: '#/dispatch' });
    const names = collectStreetNames(page);
    await page.locator(`.incident-row[data-incident-id="${incident.id}"]`).click();
    const map = page.locator('.dispatch-map .map');
    await expect
      .poll(async () => Number(await map.getAttribute('data-zoom')), { timeout: 15_000 })
      .toBeGreaterThan(13);
    // Street zoom, where names are drawn along every street.
    for (let zoom = Number(await map.getAttribute('data-zoom')); zoom !== 16; zoom += zoom < 16 ? 1 : -1) {
      await page.locator(`.dispatch-map .leaflet-control-zoom-${zoom < 16 ? 'in' : 'out'}`).click();
      await expect
        .poll(async () => Number(await map.getAttribute('data-zoom')), { timeout: 10_000 })
        .toBe(zoom < 16 ? zoom + 1 : zoom - 1);
    }
    await settle(page);
    await expect
      .poll(() => [...names], { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Lê Lợi', 'Pasteur']));
    // The 2025 wards, outlined and named: the corner lies in Phường Sài Gòn.
    await page
      .locator('.dispatch-map .area-label', { hasText: 'Phường Sài Gòn' })
      .first()
      .waitFor({ timeout: 10_000 });
    expect(await page.locator('.dispatch-map .leaflet-control-attribution').textContent()).toContain(
      'OpenStreetMap',
    );
    await screenshot(page, 'real-city-dispatch-street-zoom');
    // Enlarged, the map shows the corner among its neighbours: the ward boundaries and more streets by name.
    await page.getByRole('button', { name: 'Enlarge map' }).click();
    await settle(page);
    await screenshot(page, 'real-city-dispatch-enlarged');
  });

  it("draws the caller's corner on the real streets, names the ward, and the call-taker reads it", async () => {
    const page = await openConsole(browser, system.url, 'ct1');
    const names = collectStreetNames(page);
    await chooseDeskPhone(page);
    phone = await startPhone(system.kamailio!, '1001', { calls: 1, args: ['-timeout', '300s'] });
    const notReadyButton = page.getByRole('button', { name: /Go not ready/ });
    for (let tries = 0; tries < 20 && !(await notReadyButton.isVisible()); tries++) {
      await page.keyboard.press('Alt+R');
      await notReadyButton.waitFor({ timeout: 3000 }).catch(() => {});
    }
    const caller = dial(system.kamailio!, '0907140301', {
      scenario: 'carrier-caller-with-location-stays.xml',
      args: ['-i', TRUNK, '-timeout', '200s'],
      keys: {
        from_host: 'carrier.example',
        asserted: 'sip:+84907140301@carrier.example;user=phone',
        privacy: 'none',
        location: CIRCLE,
        method: 'GPS',
        stamp: new Date().toISOString(),
      },
    });
    callers.push(caller);
    const panel = page.locator('.call-panel');
    await panel.getByTestId('caller-number').filter({ hasText: '0907140301' }).waitFor({ timeout: 60_000 });
    // The place in words names the 2025 ward; nothing warns of a place outside the city.
    await expect
      .poll(() => panel.locator('.caller-where').textContent(), { timeout: 15_000 })
      .toContain('Phường Sài Gòn');
    expect(await panel.getByTestId('caller-outside-city').count()).toBe(0);
    await settle(page);
    await expect
      .poll(() => [...names], { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Lê Lợi', 'Pasteur']));
    expect(await panel.locator('.caller-map .leaflet-control-attribution').textContent()).toContain(
      'OpenStreetMap',
    );
    await screenshot(page, 'real-city-caller-map');
    // One step out (the map opens at zoom 18 for a circle this small, past the street tiles' zoom 17): the corner
    // among its neighbouring streets, each named.
    await panel.locator('.caller-map .leaflet-control-zoom-out').click();
    await settle(page);
    await screenshot(page, 'real-city-caller-map-out');
    await page.keyboard.press('Alt+H');
    await caller.ok();
  });
});
