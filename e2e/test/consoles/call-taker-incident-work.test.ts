// The call-taker console against the whole system (SIPp callers, a SIPp desk phone, Chromium at 1366×768): the
// type search puts "Cháy nhà" before "Cháy nhà cao tầng"; the duplicate warning is in view without scrolling; the
// place is put by hand (dragging the pin, a landmark); an earlier call from the same number links to its incident;
// and the incidents the call-taker opened show their dispatch status live.
import type { Incident, Recommendation } from '@hcm112/shared';
import { dial, type Phone, type SippRun, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { chooseDeskPhone, launchChromium, openConsole } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { LAPTOP, screenshotBothSizes } from '../../src/harness/two-sizes.ts';

// A caller near the Bến Thành market whose phone sends its position with a 25 m circle.
const SCENE = { lat: 10.7728, lon: 106.6986 };
const pidfCircle = `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${SCENE.lat} ${SCENE.lon}</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9001">25</gs:radius></gs:Circle>`;
const CALLER = '0908111222';

let system: RunningSystem;
let browser: Browser;
let page: Page;
let ct: ApiClient;
let dsp: ApiClient;
let phone: Phone | undefined;
const callers: SippRun[] = [];
let earlier: Incident;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
  ct = await loginDemo(system.url, 'ct1');
  dsp = await loginDemo(system.url, 'dsp1');
  // Ten minutes ago the same number called about a house fire at the market; ct1 opened the incident.
  earlier = (
    await ct.expectJson<{ incident: Incident }>(
      'POST',
      '/incidents',
      {
        type: 'fire',
        subtype: 'structure-fire',
        location: { point: SCENE, address: 'Chợ Bến Thành, Quận 1' },
      },
      201,
    )
  ).incident;
  const client = new pg.Client({ connectionString: system.database.url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO calls (sip_call_id, caller_number, dialed_number, service, state, arrived_at, incident_id)
       VALUES ($1, $2, '114', '114', 'ended', now() - interval '10 minutes', $3)`,
      // Stored as every call is: in E.164.
      [`earlier-${earlier.id}`, CALLER.replace(/^0/, '+84'), earlier.id],
    );
  } finally {
    await client.end();
  }
  page = await openConsole(browser, system.url, 'ct1', { viewport: LAPTOP });
  await chooseDeskPhone(page);
  phone = await startPhone(system.kamailio!, '1001', { calls: 2 });
});

afterAll(async () => {
  for (const c of callers) c.stop();
  phone?.run.stop();
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await browser?.close();
  await system?.stop();
});

function call(): SippRun {
  const run = dial(system.kamailio!, CALLER, {
    scenario: 'caller-with-location-stays.xml',
    args: ['-timeout', '240s'],
    keys: { location: pidfCircle, note: 'incident-work' },
  });
  callers.push(run);
  return run;
}

async function inHand(): Promise<void> {
  await page
    .locator('.call-panel')
    .getByTestId('caller-number')
    .filter({ hasText: CALLER })
    .waitFor({ timeout: 60_000 });
}

async function hangUpAndClose(run: SippRun): Promise<void> {
  await page.keyboard.press('Alt+H');
  await run.ok();
  await page.locator('.call-panel').getByRole('heading', { name: 'Call ended' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Alt+X');
  await page.getByText(/No call in hand/).waitFor();
}

it('ranks "Cháy nhà" first, shows the duplicate in view, and creates the incident at a place put by hand', async () => {
  const first = call();
  await page.keyboard.press('Alt+R');
  await inHand();
  const type = page.getByRole('combobox', { name: /^Type/ });
  await expect
    .poll(() => type.evaluate((el) => el === document.activeElement), { timeout: 30_000 })
    .toBe(true);
  await page.keyboard.type('chay nha');
  const options = page.getByRole('option');
  await options.first().waitFor();
  expect(await options.first().textContent()).toContain('Structure fire');
  expect(await options.allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('High-rise fire')]),
  );
  await page.keyboard.press('Enter');
  expect(await type.inputValue()).toBe('Fire · Structure fire');

  // The open fire at the market is offered, in view at 1366×768 without scrolling.
  const duplicates = page.locator('section.duplicates');
  await duplicates.locator(`[data-incident-number="${earlier.number}"]`).waitFor({ timeout: 30_000 });
  const box = (await duplicates.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(LAPTOP.height);
  expect(await page.locator('.ct-main').evaluate((el) => el.scrollTop)).toBe(0);
  await screenshotBothSizes(page, 'call-taker-duplicate-in-view');

  // The place by hand: drag the pin on the map, then pick the hospital the caller names.
  await page.getByRole('button', { name: 'Place by hand' }).click();
  const picker = page.getByTestId('place-picker');
  const pin = picker.locator('.place-pin');
  await pin.waitFor();
  await picker.locator('.place-map').scrollIntoViewIfNeeded();
  const at = (await pin.boundingBox())!;
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.down();
  await page.mouse.move(at.x + 90, at.y + 50, { steps: 8 });
  await page.mouse.up();
  const chosen = picker.getByTestId('place-chosen');
  await expect.poll(() => chosen.textContent(), { timeout: 30_000 }).toMatch(/^Pin at /);
  const address = page.getByRole('combobox', { name: /^Address/ });
  await expect.poll(() => address.inputValue(), { timeout: 30_000 }).not.toBe('');
  const landmark = picker.getByLabel('Landmark or hospital');
  const hospital = landmark.locator('option', { hasText: /^Bệnh viện Chợ Rẫy/ }).first();
  await landmark.selectOption((await hospital.getAttribute('value'))!);
  await expect.poll(() => address.inputValue()).toMatch(/^Bệnh viện Chợ Rẫy/);
  await picker.scrollIntoViewIfNeeded();
  await screenshotBothSizes(page, 'call-taker-place-by-hand', () => picker.scrollIntoViewIfNeeded());

  // The duplicates follow the place: none near the hospital, so Ctrl+Enter creates the incident there.
  await duplicates.waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('#incident-note').focus();
  await page.keyboard.type('Smoke on the third floor, the caller is at the hospital gate');
  await page.keyboard.press('Control+Enter');
  const outcome = page.getByTestId('incident-outcome');
  await outcome.waitFor({ timeout: 30_000 });
  const number = (await outcome.textContent())?.match(/HCM-\d{4}-\d{6}/)?.[0];
  const { incidents } = await ct.expectJson<{ incidents: Incident[] }>('GET', '/incidents?status=open');
  const created = incidents.find((i) => i.number === number)!;
  expect(created.location.address).toMatch(/^Bệnh viện Chợ Rẫy/);
  expect(created.location.point.lat).toBeCloseTo(10.757, 2);
  await hangUpAndClose(first);
});

it('links a call to the incident of an earlier call from the same number', async () => {
  const second = call();
  await inHand();
  const entry = page.locator(`.earlier-incident[data-incident-id="${earlier.id}"]`);
  await entry.waitFor({ timeout: 30_000 });
  expect(await entry.textContent()).toContain(`Incident ${earlier.number}`);
  await screenshotBothSizes(page, 'call-taker-earlier-incident');
  await entry.getByRole('button', { name: `Link this call to ${earlier.number}` }).click();
  await page.getByTestId('incident-outcome').filter({ hasText: earlier.number }).waitFor({ timeout: 30_000 });
  const { incident } = await ct.expectJson<{ incident: Incident }>('GET', `/incidents/${earlier.id}`);
  expect(incident.callIds.length).toBe(2);
  await hangUpAndClose(second);
});

it('shows the call-taker the dispatch status of the incidents they opened, live', async () => {
  const mine = page.locator(`.my-incident[data-incident-id="${earlier.id}"]`);
  await mine.waitFor({ timeout: 30_000 });
  expect(await mine.textContent()).toContain('No unit yet');
  const { recommendations } = await dsp.expectJson<{ recommendations: Recommendation[] }>(
    'GET',
    `/incidents/${earlier.id}/recommendations`,
  );
  const unit = recommendations[0]!;
  await dsp.expectJson('POST', `/incidents/${earlier.id}/assignments`, { unitIds: [unit.unitId] });
  await expect.poll(() => mine.textContent(), { timeout: 30_000 }).toContain(unit.callsign);
  expect(await mine.locator('.badge[data-status="dispatched"]').count()).toBeGreaterThan(0);
  await screenshotBothSizes(page, 'call-taker-my-incidents');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { name: /Sự vụ tôi đã tạo/ }).waitFor();
  await screenshotBothSizes(page, 'call-taker-my-incidents-vi');
  await page.getByRole('button', { name: 'English' }).click();
});
