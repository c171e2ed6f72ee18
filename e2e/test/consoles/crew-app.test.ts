// The crews' app on a phone-sized Chromium (touch, geolocation overridden and moved, network cut), against a real
// server beside a dispatcher's console: pairing by the QR code's link, an assignment shown and acknowledged,
// status and positions from the phone moving the unit on the dispatcher's screen, status changes made offline
// delivered in order with their original times, and an unpaired phone shut out. Each later case pairs a phone of
// its own unit: the board's radio warning and silent device (short timeouts), the destination hospital, a refused
// report's reason, an expired pairing, and positions made offline delivered into the unit's history.
import type { Incident, PairingCode, Unit } from '@hcm112/shared';
import pg from 'pg';
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
  system = await startSystem({
    telephony: false,
    env: { CREW_POSITION_INTERVAL_SECONDS: '2', CREW_ACK_TIMEOUT_SECONDS: '5', DEVICE_SILENT_SECONDS: '10' },
  });
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
  phone = await phoneAt(here);
  crew = await phone.newPage();
});

/** A phone-sized browser profile with touch, its geolocation at `at`, the app in English. */
async function phoneAt(at: { lat: number; lon: number }): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    geolocation: { latitude: at.lat, longitude: at.lon, accuracy: 10 },
    permissions: ['geolocation'],
  });
  await context.addInitScript(() => {
    if (!localStorage.getItem('e112.lang')) localStorage.setItem('e112.lang', 'en');
  });
  return context;
}

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const boardRow = (callsign: string) => dispatcher.locator(`.unit-board tr[data-callsign="${callsign}"]`);
const unitRow = () => boardRow(CALLSIGN);

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
  // The README's picture: the whole screen of a phone, from the alert down to the map with the way there.
  await screenshot(crew, 'crew-app-assignment', { fullPage: true });

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

/** A new phone paired with `callsign` through a code the dispatcher asked for, connected and on duty. */
async function pairedPhone(callsign: string): Promise<{ unit: Unit; context: BrowserContext; page: Page }> {
  const { units } = await api.expectJson<{ units: Unit[] }>('GET', '/units');
  const own = units.find((u) => u.callsign === callsign)!;
  const { pairing } = await api.expectJson<{ pairing: PairingCode }>(
    'POST',
    `/units/${own.id}/pairing-codes`,
    {},
    201,
  );
  const context = await phoneAt(own.position!.point);
  const page = await context.newPage();
  await page.goto(`${system.url}/crew/?pair=${pairing.code}`);
  await page.getByRole('button', { name: 'Pair' }).tap();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Start duty' }).tap();
  return { unit: own, context, page };
}

/** An incident 500 m from `own`, assigned to it by the dispatcher. */
async function assignNear(own: Unit, address: string): Promise<Incident> {
  const { incident: opened } = await api.expectJson<{ incident: Incident }>(
    'POST',
    '/incidents',
    {
      type: 'medical',
      subtype: 'cardiac-arrest',
      location: {
        point: { lat: own.position!.point.lat + 0.004, lon: own.position!.point.lon + 0.002 },
        address,
      },
    },
    201,
  );
  await api.expectJson('POST', `/incidents/${opened.id}/assignments`, { unitIds: [own.id] });
  return opened;
}

async function statusOf(id: string): Promise<string> {
  return (await api.expectJson<{ unit: Unit }>('GET', `/units/${id}`)).unit.status;
}

async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: system.database.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

it('tells the dispatcher to use the radio when the crew does not acknowledge, and shows a phone no longer heard as silent', async () => {
  const { unit: own, context, page } = await pairedPhone('CC-02-01');
  const cell = boardRow('CC-02-01').locator('.device-cell');
  await expect.poll(() => cell.getAttribute('data-device'), { timeout: 30_000 }).toBe('paired');
  await assignNear(own, '8 Đồng Khởi, Bến Nghé');
  await page.getByText('NEW ASSIGNMENT').waitFor({ timeout: 30_000 });
  // CREW_ACK_TIMEOUT_SECONDS is 5 here.
  await cell.locator('.device-no-ack').waitFor({ timeout: 30_000 });
  expect(await cell.locator('.device-no-ack').textContent()).toContain('No acknowledgement: use the radio');
  // The phone is on and connected: heard from (its reports, its socket's answers to the server's pings), it is
  // never shown silent, watched here for longer than DEVICE_SILENT_SECONDS.
  const shown = new Set<string | null>();
  for (const until = Date.now() + 15_000; Date.now() < until; await dispatcher.waitForTimeout(250))
    shown.add(await cell.getAttribute('data-device'));
  expect([...shown]).toEqual(['paired']);
  await screenshot(dispatcher, 'crew-no-acknowledgement');

  // The phone goes out of coverage (here: its browser closes); after DEVICE_SILENT_SECONDS (10) it is silent.
  await context.close();
  await expect.poll(() => cell.getAttribute('data-device'), { timeout: 60_000 }).toBe('silent');
  expect(await cell.locator('.device-silent').textContent()).toContain('Device silent');
  expect(await cell.locator('.device-no-ack').count()).toBe(1);
});

it('sends the destination chosen from the hospitals list with Transporting, shown on the incident’s timeline', async () => {
  const { unit: own, context, page } = await pairedPhone('CC-03-01');
  const opened = await assignNear(own, '20 Nguyễn Thị Minh Khai, Đa Kao');
  await page.getByRole('button', { name: 'ACKNOWLEDGE' }).tap();
  await page.getByRole('button', { name: 'En route' }).tap();
  await page.getByRole('button', { name: 'On scene' }).tap();
  await expect.poll(() => statusOf(own.id), { timeout: 30_000 }).toBe('on-scene');
  await page.getByRole('button', { name: 'Transporting' }).tap();
  const choices = page.locator('.crew-hospitals button.crew-big:not(.crew-secondary)');
  await choices.first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'crew-app-hospitals');
  const hospital = await choices.first().evaluate((b) => (b.firstChild?.textContent ?? '').trim());
  expect(hospital.length).toBeGreaterThan(0);
  await choices.first().tap();
  await expect.poll(() => statusOf(own.id), { timeout: 30_000 }).toBe('transporting');

  await dispatcher.locator(`.incident-row[data-incident-id="${opened.id}"]`).click({ timeout: 30_000 });
  const line = dispatcher.locator('.timeline .timeline-text', { hasText: `(→ ${hospital})` });
  await line.waitFor({ timeout: 30_000 });
  expect(await line.textContent()).toContain('CC-03-01: On scene → Transporting');
  await context.close();
});

it('shows the reason on the phone when the centre refuses a report made offline', async () => {
  const { unit: own, context, page } = await pairedPhone('CC-04-01');
  await assignNear(own, '3 Hai Bà Trưng, Bến Nghé');
  await page.getByText('NEW ASSIGNMENT').waitFor({ timeout: 30_000 });
  await context.setOffline(true);
  await page.getByRole('button', { name: 'En route' }).tap();
  await page.getByTestId('crew-outbox').filter({ hasText: 'En route' }).waitFor({ timeout: 30_000 });
  // Meanwhile the dispatcher stands the unit down by radio: en route is no longer a legal change.
  await api.expectJson('POST', `/units/${own.id}/status`, { status: 'available' });
  await context.setOffline(false);
  const refused = page.locator('.crew-refused');
  await refused.filter({ hasText: 'Refused: En route' }).waitFor({ timeout: 60_000 });
  expect(await refused.textContent()).toContain('a unit cannot go from available to en-route');
  await screenshot(page, 'crew-app-refused');
  expect(await statusOf(own.id)).toBe('available');
  await context.close();
});

it('says so on the phone when its pairing has expired, and asks for a new code', async () => {
  const { unit: own, context, page } = await pairedPhone('CC-05-01');
  await withDatabase((client) =>
    client.query("UPDATE unit_devices SET expires_at = now() - interval '1 second' WHERE unit_id = $1", [
      own.id,
    ]),
  );
  // The next position the phone sends on duty is refused with the reason.
  await page
    .getByText('This phone’s pairing has expired. Ask the dispatcher for a new pairing code.')
    .waitFor({
      timeout: 30_000,
    });
  await page.getByLabel('Pairing code').waitFor();
  await screenshot(page, 'crew-app-expired');
  await context.close();
});

it('delivers positions made offline after reconnecting: into the unit’s history, the newest by its own time current', async () => {
  const { unit: own, context, page } = await pairedPhone('CC-06-01');
  let at = { ...own.position!.point };
  const start = { lat: at.lat + 0.0002, lon: at.lon };
  await context.setGeolocation({ latitude: start.lat, longitude: start.lon, accuracy: 10 });
  await expect
    .poll(
      async () => {
        const { unit: now } = await api.expectJson<{ unit: Unit }>('GET', `/units/${own.id}`);
        return Math.abs(now.position!.point.lat - start.lat) < 1e-6;
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  await context.setOffline(true);
  const offlineFrom = new Date();
  const path: Array<{ lat: number; lon: number }> = [];
  at = start;
  // Driving on, out of coverage: a fix every 2.5 s, each kept on the phone (CREW_POSITION_INTERVAL_SECONDS is 2).
  for (let i = 0; i < 4; i++) {
    at = { lat: at.lat + 0.0003, lon: at.lon + 0.0001 };
    path.push(at);
    await context.setGeolocation({ latitude: at.lat, longitude: at.lon, accuracy: 10 });
    await page.waitForTimeout(2500);
  }
  await page.getByTestId('crew-outbox').filter({ hasText: '× position' }).waitFor({ timeout: 30_000 });
  // Off duty before the network returns: no fix after these, so the newest one is the last made offline.
  await page.getByRole('button', { name: 'On duty · End duty' }).tap();
  const reconnectedAt = new Date();
  await context.setOffline(false);
  await page.getByTestId('crew-outbox').waitFor({ state: 'detached', timeout: 60_000 });

  const history = await withDatabase(async (client) => {
    const { rows } = await client.query<{ lat: number; lon: number; at: Date }>(
      `SELECT ST_Y(point::geometry) AS lat, ST_X(point::geometry) AS lon, at FROM unit_positions
        WHERE unit_id = $1 AND at >= $2 ORDER BY at`,
      [own.id, offlineFrom],
    );
    return rows;
  });
  // Each fix made offline is in the history with the time it was made, before the phone was back.
  for (const p of path)
    expect(
      history.some(
        (h) =>
          Math.abs(h.lat - p.lat) < 1e-6 &&
          Math.abs(h.lon - p.lon) < 1e-6 &&
          h.at.getTime() < reconnectedAt.getTime(),
      ),
    ).toBe(true);
  const newest = history.at(-1)!;
  const { unit: now } = await api.expectJson<{ unit: Unit }>('GET', `/units/${own.id}`);
  expect(Date.parse(now.position!.at)).toBe(newest.at.getTime());
  expect(newest.at.getTime()).toBeLessThan(reconnectedAt.getTime());
  expect(now.position!.point.lat).toBeCloseTo(path.at(-1)!.lat, 6);
  expect(now.position!.point.lon).toBeCloseTo(path.at(-1)!.lon, 6);
  await context.close();
});
