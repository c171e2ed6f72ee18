// The crews' app on a phone-sized Chromium (touch, geolocation overridden and moved, network cut), against a real
// server beside a dispatcher's console: pairing by the QR code's link, an assignment shown and acknowledged,
// status and positions from the phone moving the unit on the dispatcher's screen, status changes made offline
// delivered in order with their original times, and an unpaired phone shut out.
import type { Incident, Unit } from '@hcm112/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { launchChromium, logInAs, newConsole, screenshot } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';

const CALLSIGN = 'CC-01-01';
let system: RunningSystem;
let api: ApiClient;
let browser: Browser;
let dispatcher: Page;
let phone: BrowserContext;
let crew: Page;
let unit: Unit;
let here: { lat: number; lon: number };
let incident: Incident;

type ProbeWindow = Window & {
  __moved: Array<[string, number]>;
  __e112MapProbe: (id: string, reportedAt: number) => void;
};

beforeAll(async () => {
  system = await startSystem({ telephony: false, env: { CREW_POSITION_INTERVAL_SECONDS: '2' } });
  api = await loginDemo(system.url, 'dsp1');
  const { units } = await api.expectJson<{ units: Unit[] }>('GET', '/units');
  unit = units.find((u) => u.callsign === CALLSIGN)!;
  here = { ...unit.position!.point };
  browser = await launchChromium();
  const desk = await newConsole(browser);
  dispatcher = desk.page;
  await desk.context.addInitScript(() => {
    const w = window as unknown as ProbeWindow;
    w.__moved = [];
    w.__e112MapProbe = (id, reportedAt) => w.__moved.push([id, reportedAt]);
  });
  await logInAs(dispatcher, system.url, 'dsp1', '#/dispatch');
  phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    geolocation: { latitude: here.lat, longitude: here.lon, accuracy: 10 },
    permissions: ['geolocation'],
  });
  await phone.addInitScript(() => {
    if (!localStorage.getItem('e112.lang')) localStorage.setItem('e112.lang', 'en');
  });
  crew = await phone.newPage();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const unitRow = () => dispatcher.locator(`.unit-board tr[data-callsign="${CALLSIGN}"]`);

it('pairs the phone through the code the dispatcher shows (the QR code opens the same link)', async () => {
  await unitRow().getByRole('button', { name: 'Pair device' }).click();
  const code = ((await dispatcher.getByTestId('pairing-code').textContent()) ?? '').replace('-', '');
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  expect(await dispatcher.locator('.pair-qr svg').count()).toBe(1);
  await screenshot(dispatcher, 'crew-pairing-code');
  await dispatcher.getByRole('button', { name: 'Close' }).click();

  await crew.goto(`${system.url}/crew/?pair=${code}`);
  expect(await crew.getByLabel('Pairing code').inputValue()).toBe(code);
  await crew.getByRole('button', { name: 'Pair' }).tap();
  await crew.locator('.crew-callsign', { hasText: CALLSIGN }).waitFor({ timeout: 30_000 });
  await crew.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  await crew.getByRole('button', { name: 'Start duty' }).tap();
  await expect
    .poll(() => unitRow().locator('.device-cell').getAttribute('data-device'), { timeout: 30_000 })
    .toBe('paired');
});

it('shows the dispatcher’s assignment on the phone with the alert, and records the one-touch acknowledgement', async () => {
  ({ incident } = await api.expectJson<{ incident: Incident }>(
    'POST',
    '/incidents',
    {
      type: 'medical',
      subtype: 'cardiac-arrest',
      location: {
        point: { lat: here.lat + 0.004, lon: here.lon + 0.002 },
        address: '45 Lê Thánh Tôn, Bến Nghé',
      },
      note: 'Man collapsed at the bus stop',
    },
    201,
  ));
  await dispatcher.locator(`.map-incident[data-incident-id="${incident.id}"]`).click();
  await dispatcher
    .locator(`.rec-row[data-unit-id="${unit.id}"]`)
    .getByRole('button', { name: /^Assign / })
    .click({ timeout: 15_000 })
    .catch(async () => {
      // Not among the recommendations (another unit is nearer): assign it as a dispatcher's API call would.
      await api.expectJson('POST', `/incidents/${incident.id}/assignments`, { unitIds: [unit.id] });
    });
  await crew.getByText('NEW ASSIGNMENT').waitFor({ timeout: 30_000 });
  expect(await crew.locator('.crew-address').textContent()).toBe('45 Lê Thánh Tôn, Bến Nghé');
  expect(await crew.getByRole('link', { name: 'Navigate' }).getAttribute('href')).toMatch(/^geo:/);
  await crew.locator('.crew-map .leaflet-overlay-pane canvas').first().waitFor({ timeout: 30_000 });
  await crew.locator('.crew-map .area-label').first().waitFor({ timeout: 30_000 });
  // The way there along the streets (or marked estimated off the street map), with its time.
  await crew.getByTestId('crew-eta').waitFor({ timeout: 30_000 });
  expect(await crew.getByTestId('crew-eta').textContent()).toMatch(/^≈? ?\d+\.\d km .*about \d+ min/);
  await screenshot(crew, 'crew-app-assignment');

  await crew.getByRole('button', { name: 'ACKNOWLEDGE' }).tap();
  await crew.getByText('NEW ASSIGNMENT').waitFor({ state: 'detached', timeout: 30_000 });
  await unitRow().locator('.device-ack').waitFor({ timeout: 30_000 });
  expect(await unitRow().locator('.device-ack').textContent()).toMatch(/^ack \d+ s$/);
  const { incident: after } = await api.expectJson<{ incident: Incident }>(
    'GET',
    `/incidents/${incident.id}`,
  );
  expect(after.assignments.find((a) => a.unitId === unit.id)?.acknowledgedAt).toBeTruthy();
});

it('shows the dispatcher’s new notes live and sends the crew’s own', async () => {
  await api.expectJson('POST', `/incidents/${incident.id}/notes`, { text: 'Gate code 4512' });
  await crew.locator('.crew-notes li', { hasText: 'Gate code 4512' }).waitFor({ timeout: 30_000 });
  await crew.getByLabel('e.g. 2 injured, one trapped').fill('2 injured, one trapped');
  await crew.getByRole('button', { name: 'Send note' }).tap();
  await expect
    .poll(
      async () => {
        const { incident: now } = await api.expectJson<{ incident: Incident }>(
          'GET',
          `/incidents/${incident.id}`,
        );
        return now.notes.some(
          (n) => n.text === '2 injured, one trapped' && n.authorName === `${CALLSIGN} (crew)`,
        );
      },
      { timeout: 30_000 },
    )
    .toBe(true);
});

it('moves the unit on the dispatcher’s board and map with the phone’s status and positions', async () => {
  await crew.getByRole('button', { name: 'En route' }).tap();
  await expect
    .poll(() => unitRow().locator('.badge[data-status]').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('en-route');
  const movedFrom = Date.now();
  // Driving north-east in 40 m steps, as a vehicle would between fixes.
  for (let i = 1; i <= 5; i++) {
    here = { lat: here.lat + 0.0003, lon: here.lon + 0.0001 };
    await phone.setGeolocation({ latitude: here.lat, longitude: here.lon, accuracy: 10 });
    await crew.waitForTimeout(700);
  }
  await expect
    .poll(
      async () => {
        const { unit: now } = await api.expectJson<{ unit: Unit }>('GET', `/units/${unit.id}`);
        return Math.abs(now.position!.point.lat - here.lat) < 1e-6;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const moves = await dispatcher.evaluate(() => (window as unknown as ProbeWindow).__moved);
  expect(moves.some(([id, at]) => id === unit.id && at >= movedFrom - 1000)).toBe(true);
});

it('keeps status changes made offline, shows them unsent, and delivers them in order with their own times', async () => {
  await phone.setOffline(true);
  await crew.getByRole('button', { name: 'On scene' }).tap();
  const onSceneAt = Date.now();
  await crew.waitForTimeout(1500);
  await crew.getByRole('button', { name: 'Transporting' }).tap();
  await crew.getByTestId('crew-outbox').filter({ hasText: 'Transporting' }).waitFor({ timeout: 30_000 });
  expect(await crew.getByTestId('crew-outbox').textContent()).toContain('On scene');
  await screenshot(crew, 'crew-app-offline');
  // The app shell comes from the service worker and the unsent reports from IndexedDB, even after a reload.
  await crew.reload();
  await crew.getByTestId('crew-outbox').filter({ hasText: 'Transporting' }).waitFor({ timeout: 30_000 });
  await crew.waitForTimeout(1500);
  const reconnectedAt = Date.now();
  await phone.setOffline(false);
  await crew.getByTestId('crew-outbox').waitFor({ state: 'detached', timeout: 60_000 });

  const { incident: after } = await api.expectJson<{ incident: Incident }>(
    'GET',
    `/incidents/${incident.id}`,
  );
  const lines = after.notes.filter((n) => n.kind === 'status' && n.text.startsWith(CALLSIGN));
  const onScene = lines.find((n) => n.text.includes('→ on-scene'))!;
  const transporting = lines.find((n) => n.text.includes('→ transporting'))!;
  expect(Date.parse(onScene.at)).toBeLessThan(Date.parse(transporting.at));
  expect(Math.abs(Date.parse(onScene.at) - onSceneAt)).toBeLessThan(5000);
  expect(Date.parse(transporting.at)).toBeLessThan(reconnectedAt);
  await expect
    .poll(() => unitRow().locator('.badge[data-status]').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('transporting');
});

it('stops working when the dispatcher unpairs it, and the phone says so', async () => {
  dispatcher.once('dialog', (d) => void d.accept());
  await unitRow().getByRole('button', { name: 'Unpair' }).click();
  await crew.getByText('This phone was unpaired by the centre').waitFor({ timeout: 30_000 });
  await crew.getByLabel('Pairing code').waitFor();
  await expect
    .poll(() => unitRow().locator('.device-cell').getAttribute('data-device'), { timeout: 30_000 })
    .toBe('none');
});
