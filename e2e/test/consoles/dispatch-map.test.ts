// The dispatch map working for the incident, and the unit board at a laptop's 1366×768: selecting an incident
// frames it with its units, a unit standing under an incident label is still drawn and found, cameras cluster at
// city zoom, the map enlarges over the board, and the board filters by agency, ward and callsign, sorts, and
// gives assigned units their distance and ETA.
import type { Unit } from '@hcm112/shared';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { launchChromium, logInAs, newConsole } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { LAPTOP, screenshotBothSizes } from '../../src/harness/two-sizes.ts';

let system: RunningSystem;
let api: ApiClient;
let browser: Browser;
let page: Page;
let incident: { id: string; number: string };
let near: Unit;
let far: Unit;

const WEST = 'Phường Thử Tây';
const EAST = 'Phường Thử Đông';

/** Two wards splitting the demo city at 106.70° E; every located unit and station takes its ward from them. */
async function addWards(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const box = (w: number, e: number) =>
      `MULTIPOLYGON(((${w} 10.5, ${e} 10.5, ${e} 11.1, ${w} 11.1, ${w} 10.5)))`;
    for (const [name, wkt] of [
      [WEST, box(106.4, 106.7)],
      [EAST, box(106.7, 107.0)],
    ] as const)
      await client.query(
        `INSERT INTO districts (code, name, kind, geom) VALUES ($1, $1, 'ward', ST_GeomFromText($2, 4326))`,
        [name, wkt],
      );
    // The ward triggers run when a point is written: write the points again.
    await client.query('UPDATE units SET position = position WHERE position IS NOT NULL');
    await client.query('UPDATE stations SET point = point');
  } finally {
    await client.end();
  }
}

const metres = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
};

beforeAll(async () => {
  system = await startSystem({ telephony: false });
  await addWards(system.database.adminUrl);
  api = await loginDemo(system.url, 'dsp1');
  const { units } = await api.expectJson<{ units: Unit[] }>('GET', '/units');
  const free = units.filter((u) => u.status === 'available' && u.position);
  near = free.find((u) => u.agency === 'ambulance')!;
  // A unit a few kilometres away: outside a street-level view of the incident.
  far = free.find(
    (u) =>
      u.agency === 'fire' &&
      metres(u.position!.point, near.position!.point) > 3000 &&
      metres(u.position!.point, near.position!.point) < 8000,
  )!;
  // The incident is where the ambulance stands, so its label lies over the ambulance.
  ({ incident } = await api.expectJson<{ incident: { id: string; number: string } }>(
    'POST',
    '/incidents',
    {
      type: 'medical',
      subtype: 'stroke',
      location: { point: near.position!.point, address: 'Điểm thử' },
    },
    201,
  ));
  await api.expectJson('POST', `/incidents/${incident.id}/assignments`, { unitIds: [near.id, far.id] });
  browser = await launchChromium();
  page = (await newConsole(browser, 'en', LAPTOP)).page;
  await logInAs(page, system.url, 'dsp1', '#/dispatch');
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const map = () => page.locator('.dispatch-map .map');

async function view(): Promise<{ zoom: number; west: number; south: number; east: number; north: number }> {
  const el = map();
  const [west, south, east, north] = ((await el.getAttribute('data-bounds')) ?? '').split(',').map(Number);
  return {
    zoom: Number(await el.getAttribute('data-zoom')),
    west: west!,
    south: south!,
    east: east!,
    north: north!,
  };
}

const inView = (v: Awaited<ReturnType<typeof view>>, p: { lat: number; lon: number }) =>
  p.lat > v.south && p.lat < v.north && p.lon > v.west && p.lon < v.east;

it('clusters the cameras at city zoom and shows each camera at street zoom', async () => {
  await page.locator('.camera-cluster').first().waitFor({ timeout: 30_000 });
  const clusters = await page.locator('.camera-cluster').count();
  expect(clusters).toBeGreaterThan(0);
  const counted = await page
    .locator('.camera-cluster span')
    .evaluateAll((spans) => spans.reduce((n, s) => n + Number(s.textContent), 0));
  expect(counted).toBeGreaterThan(clusters);
  for (let zoom = (await view()).zoom; zoom < 16; zoom++) {
    await page.locator('.leaflet-control-zoom-in').click();
    await expect.poll(async () => (await view()).zoom, { timeout: 10_000 }).toBe(zoom + 1);
  }
  await expect.poll(() => page.locator('.camera-cluster').count(), { timeout: 10_000 }).toBe(0);
});

it('frames the selected incident with its units, and a unit under the incident label is still drawn and found', async () => {
  // Zoomed in at the city centre: the far unit is out of sight.
  expect(inView(await view(), far.position!.point)).toBe(false);
  await page.locator(`.incident-row[data-incident-id="${incident.id}"]`).click();
  await expect.poll(async () => inView(await view(), far.position!.point), { timeout: 15_000 }).toBe(true);
  const framed = await view();
  expect(inView(framed, near.position!.point)).toBe(true);
  expect(framed.zoom).toBeLessThanOrEqual(16);

  // The ambulance stands where the incident's label is drawn: pointing there finds the ambulance.
  const label = page.locator(`.map-incident[data-incident-id="${incident.id}"]`);
  const box = (await label.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page
    .locator('.leaflet-tooltip', { hasText: `${near.callsign} · Dispatched` })
    .waitFor({ timeout: 10_000 });
  const paneOrder = await page.evaluate(() => {
    const z = (sel: string) => Number(getComputedStyle(document.querySelector(sel)!).zIndex);
    return { units: z('.leaflet-units-pane'), labels: z('.leaflet-marker-pane') };
  });
  expect(paneOrder.units).toBeGreaterThan(paneOrder.labels);
  await screenshotBothSizes(page, 'dispatch-map-framed');
});

it('enlarges the map over the unit board and back', async () => {
  const before = (await map().boundingBox())!;
  await page.getByRole('button', { name: 'Enlarge map' }).click();
  await expect
    .poll(async () => (await map().boundingBox())!.height, { timeout: 10_000 })
    .toBeGreaterThan(before.height + 100);
  expect(await page.locator('.dispatch-board').isVisible()).toBe(false);
  await screenshotBothSizes(page, 'dispatch-map-enlarged');
  await page.getByRole('button', { name: 'Smaller map' }).click();
  await page.locator('.dispatch-board').waitFor({ state: 'visible' });
});

it('gives the unit board at 1366×768 filters by agency, ward and callsign, sorting, distance and ETA', async () => {
  const board = page.locator('.unit-board');
  const rows = board.locator('tbody tr');
  // The assigned units show how far they are from the incident and, on their way, when they arrive.
  const farRow = board.locator(`tr[data-unit-id="${far.id}"]`);
  await expect.poll(() => farRow.locator('.unit-eta').textContent(), { timeout: 30_000 }).toMatch(/\d/);
  expect(await farRow.locator('.unit-distance').textContent()).toMatch(/^\d+\.\d km$/);
  expect(await farRow.locator('.unit-ward').textContent()).toBe(
    far.position!.point.lon < 106.7 ? WEST : EAST,
  );

  await board.getByLabel('Sort by').selectOption('distance');
  await expect.poll(() => rows.nth(0).getAttribute('data-unit-id')).toBe(near.id);
  expect(await rows.nth(1).getAttribute('data-unit-id')).toBe(far.id);

  await board.getByLabel('Agency').selectOption('ambulance');
  await expect
    .poll(async () => new Set(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-agency')))))
    .toEqual(new Set(['ambulance']));
  await board.getByLabel('Agency').selectOption('all');
  await board.getByLabel('Ward').selectOption(EAST);
  await expect
    .poll(async () => new Set(await board.locator('tbody .unit-ward').allTextContents()))
    .toEqual(new Set([EAST]));
  await board.getByLabel('Ward').selectOption('all');
  await board.getByRole('searchbox').fill(far.callsign.toLowerCase());
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().getAttribute('data-unit-id')).toBe(far.id);

  await board.getByRole('searchbox').fill('');
  await screenshotBothSizes(page, 'dispatch-unit-board');
});
