// The call-taker console against the whole system: SIPp callers through Kamailio and call control, a SIPp phone
// on the call-taker's extension (a desk phone), Chromium on the console. A call shows in the queue, is answered on
// the desk phone, which opens the incident form, and turned into an incident from the keyboard alone; an abandoned
// call is listed and its callback recorded.
import type { Call, Incident } from '@hcm112/shared';
import { dial, type Phone, type SippRun, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { chooseDeskPhone, launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';

// A caller on Lê Lợi near Bến Thành market whose phone sends its position with a 25 m circle.
const SCENE = { lat: 10.7728, lon: 106.6986 };
const pidfCircle = `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${SCENE.lat} ${SCENE.lon}</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9001">25</gs:radius></gs:Circle>`;
const CALLER = '0908765432';
const ABANDONER = '0912000111';

let system: RunningSystem;
let browser: Browser;
let page: Page;
let callTakerApi: ApiClient;
let caller: SippRun | undefined;
let phone: Phone | undefined;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
  callTakerApi = await loginDemo(system.url, 'ct1');
  page = await openConsole(browser, system.url, 'ct1');
  await chooseDeskPhone(page);
});

afterAll(async () => {
  caller?.stop();
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await browser?.close();
  await system?.stop();
});

it('lists an abandoned call and records the callback with one click', async () => {
  const kamailio = system.kamailio!;
  await screenshot(page, 'call-taker-idle');
  // Nobody is ready: the caller waits in the queue, hears ringing for 2 s and hangs up.
  const abandoner = dial(kamailio, ABANDONER, { scenario: 'caller-abandons.xml', args: ['-d', '2000'] });
  await abandoner.ok(60_000);
  const row = page.locator('.abandoned-row', { hasText: ABANDONER });
  await row.waitFor({ timeout: 60_000 });
  await screenshot(page, 'call-taker-abandoned');
  const callId = await row.getAttribute('data-call-id');

  await row.getByRole('button', { name: `Called back ${ABANDONER}` }).click();
  await row.waitFor({ state: 'detached', timeout: 30_000 });
  const { call } = await callTakerApi.expectJson<{ call: Call }>('GET', `/calls/${callId}`);
  expect(call.state).toBe('abandoned');
  expect(call.callbackAt).not.toBeNull();
});

it('shows a waiting call in the queue', async () => {
  caller = dial(system.kamailio!, CALLER, {
    scenario: 'caller-with-location-stays.xml',
    args: ['-timeout', '240s'],
    keys: { location: pidfCircle, note: 'console' },
  });
  const row = page.locator('.queue-table tbody tr', { hasText: CALLER });
  await row.waitFor({ timeout: 60_000 });
  expect(await row.textContent()).toContain('112');
  // Kept waiting past the 15 s mark, the row reads "overdue" (for the screenshot; no timing is asserted).
  await row.locator('.wait[data-level="overdue"]').waitFor({ timeout: 60_000 });
  await screenshot(page, 'call-taker-queue');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { name: /Cuộc gọi đang chờ/ }).waitFor();
  await screenshot(page, 'call-taker-queue-vi');
  await page.getByRole('button', { name: 'English' }).click();
});

it('opens the incident form when the desk phone answers, and the incident from the keyboard alone', async () => {
  phone = await startPhone(system.kamailio!, '1001', { calls: 1 });
  await page.keyboard.press('Alt+R');
  // The ACD offers the call to ct1's desk phone, which answers: the console shows it in hand with the form open,
  // no separate accept.
  const panel = page.locator('.call-panel');
  await panel.getByTestId('caller-number').filter({ hasText: CALLER }).waitFor({ timeout: 60_000 });
  await page.locator('.caller-map .leaflet-interactive').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'call-taker-offered');
  const type = page.getByRole('combobox', { name: /^Type/ });
  await expect
    .poll(() => type.evaluate((el) => el === document.activeElement), { timeout: 30_000 })
    .toBe(true);
  expect(await panel.getByRole('button', { name: /Answer/ }).count()).toBe(0);
  await page.keyboard.type('vehicle fire');
  await page.getByRole('option', { name: /Vehicle fire/ }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ben Thanh');
  await page
    .getByRole('option', { name: /Chợ Bến Thành/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  const address = await page.getByRole('combobox', { name: /^Address/ }).inputValue();
  expect(address).toContain('Chợ Bến Thành');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Car burning outside the market, driver out');
  await screenshot(page, 'call-taker-form');
  await page.keyboard.press('Control+Enter');

  const outcome = page.getByTestId('incident-outcome');
  await outcome.waitFor({ timeout: 30_000 });
  const number = (await outcome.textContent())?.match(/HCM-\d{4}-\d{6}/)?.[0];
  expect(number).toBeDefined();
  await screenshot(page, 'call-taker-created');

  const { incidents } = await callTakerApi.expectJson<{ incidents: Incident[] }>(
    'GET',
    '/incidents?status=open',
  );
  const incident = incidents.find((i) => i.number === number)!;
  expect(incident).toMatchObject({ type: 'fire', subtype: 'vehicle-fire', priority: 8 });
  expect(incident.location.address).toBe(address);
  expect(incident.callerNumbers).toContain(CALLER.replace(/^0/, '+84'));
  expect(incident.notes.map((n) => n.text)).toContain('Car burning outside the market, driver out');

  // Alt+H ends the call through call control: BYE to the caller and to the desk phone. Each wait is bounded; a
  // hang-up that did not happen fails naming what the console and Kamailio said.
  await page.keyboard.press('Alt+H');
  await panel
    .getByRole('heading', { name: 'Call ended' })
    .waitFor({ timeout: 30_000 })
    .catch(async (err: unknown) => {
      await screenshot(page, 'call-taker-hang-up-failed').catch(() => undefined);
      throw new Error(`the console did not end the call: ${await hangUpStory(panel)}`, { cause: err });
    });
  await caller!.ok(30_000);
  await phone.run.ok(30_000);
  await page.keyboard.press('Alt+X');
  await page.getByText(/No call in hand/).waitFor({ timeout: 30_000 });
});

/** What the call panel shows (an error after Alt+H) and what Kamailio logged of hang-ups. */
async function hangUpStory(panel: Locator): Promise<string> {
  const shown = (await panel.textContent({ timeout: 5000 }).catch(() => null)) ?? '(no call panel)';
  let kamailio = '(no log)';
  try {
    const lines = system.kamailio?.log().split('\n') ?? [];
    kamailio = lines
      .filter((l) => /hangup|evapi|BYE|dialog/i.test(l))
      .slice(-20)
      .join('\n');
  } catch {}
  return `panel: ${shown.slice(0, 600)}\nKamailio: ${kamailio}`;
}
