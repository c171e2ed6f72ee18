// The camera panel beside the selected incident with real test cameras (ffmpeg sources): the surfaced HLS camera
// plays (its video advances) and the MJPEG camera's picture loads; pin moves a camera to the top, hide moves it
// away. A camera analytics alert shows on the map and as a card with its time, the picture the server took when it
// came in and the live view, and becomes an incident with the type and priority the dispatcher confirms. This system has a tile
// server configured (a local one), which the map uses instead of the offline outlines.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANALYTICS_HEADERS, type Camera } from '@hcm112/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signAnalytics } from '@hcm112/server/camera-alerts/signature';
import { DEMO_ANALYTICS_SOURCE } from '@hcm112/server/seed/demo-cameras';
import { type CameraSources, startCameraSources } from '@hcm112/server/testing/camera-sources';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { launchChromium, logInAs, newConsole, screenshot } from '../../src/harness/browser.ts';
import { screenshotBothSizes } from '../../src/harness/two-sizes.ts';

let system: RunningSystem;
let sources: CameraSources;
let dispatcher: ApiClient;
let browser: Browser;
let page: Page;
let tiles: Server;
let tileRequests = 0;
/** A 1x1 dark PNG, served for every tile. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
);
const live: Partial<Record<'hls' | 'mjpeg', Camera>> = {};

beforeAll(async () => {
  tiles = createServer((_req, res) => {
    tileRequests += 1;
    res.writeHead(200, { 'content-type': 'image/png' }).end(TILE);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  const tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
  // No health rounds: the test decides which cameras have a stream, and they stay online.
  system = await startSystem({
    telephony: false,
    env: { CAMERA_HEALTH_INTERVAL_SECONDS: '0', MAP_TILE_URL: tileUrl },
  });
  sources = await startCameraSources({ hls: ['e2e-hls'], mjpeg: ['e2e-mjpeg'] });
  const admin = await loginDemo(system.url, 'admin');
  dispatcher = await loginDemo(system.url, 'dsp1');
  // The demo's live cameras around Bến Thành point at the demo sources: point two of them at this test's.
  const { cameras } = await admin.expectJson<{ cameras: Camera[] }>('GET', '/cameras');
  for (const kind of ['hls', 'mjpeg'] as const) {
    const camera = cameras.find((c) => c.streamKind === kind);
    if (!camera) throw new Error(`the seed has no ${kind} camera`);
    const streamUrl = Object.values(sources.urls[kind])[0]!;
    await admin.expectJson('PATCH', `/cameras/${camera.id}`, { streamUrl, streamKind: kind });
    live[kind] = camera;
  }
  browser = await launchChromium();
  page = (await newConsole(browser)).page;
  await logInAs(page, system.url, 'dsp1', '#/dispatch');
});

afterAll(async () => {
  await browser?.close();
  await sources?.stop();
  await system?.stop();
  tiles?.close();
});

it('draws the base map from the configured tile server', async () => {
  await page.locator('.leaflet-tile-loaded').first().waitFor({ timeout: 30_000 });
  expect(tileRequests).toBeGreaterThan(0);
  expect(await page.locator('.area-label').count()).toBe(0);
});

/** A point both live cameras can see (the demo's live cameras are PTZ with a 250 m range). */
function between(a: Camera, b: Camera) {
  return { lat: (a.point.lat + b.point.lat) / 2, lon: (a.point.lon + b.point.lon) / 2 };
}

function tile(cameraId: string) {
  return page.locator(`.camera-tile[data-camera-id="${cameraId}"]`);
}

it('plays the cameras surfaced for the selected incident, pinned ones first', async () => {
  const { incident } = await dispatcher.expectJson<{ incident: { id: string } }>(
    'POST',
    '/incidents',
    {
      type: 'fire',
      subtype: 'market-fire',
      location: { point: between(live.hls!, live.mjpeg!), address: 'Chợ Bến Thành' },
    },
    201,
  );
  await page.locator(`.incident-row[data-incident-id="${incident.id}"]`).click();
  const hls = tile(live.hls!.id);
  const mjpeg = tile(live.mjpeg!.id);
  await hls.waitFor({ timeout: 60_000 });
  await mjpeg.waitFor({ timeout: 60_000 });

  // Pinning puts a camera first (and so among those that start playing by themselves).
  await hls.getByRole('button', { name: 'Pin' }).click();
  await expect
    .poll(() => page.locator('.camera-tile').first().getAttribute('data-camera-id'), { timeout: 30_000 })
    .toBe(live.hls!.id);
  // The list re-sorts while cameras report their health: a click that met a tile on the move is made again, as a
  // dispatcher would, until the tile says it is pinned.
  for (let attempt = 1; !(await mjpeg.getByRole('button', { name: 'Unpin' }).isVisible()); attempt += 1) {
    if (attempt > 6) throw new Error('the second camera never showed as pinned after six clicks on Pin');
    await mjpeg.getByRole('button', { name: 'Pin' }).click({ timeout: 5_000 });
    await mjpeg
      .getByRole('button', { name: 'Unpin' })
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
  }
  await hls.getByRole('button', { name: 'Unpin' }).waitFor({ timeout: 30_000 });

  await expect
    .poll(() => hls.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime), {
      timeout: 90_000,
      interval: 500,
    })
    .toBeGreaterThan(0);
  await expect
    .poll(() => mjpeg.locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth), {
      timeout: 60_000,
      interval: 500,
    })
    .toBeGreaterThan(0);
  await screenshot(page, 'dispatch-cameras-playing');
});

it('hides a camera into the hidden list and shows it again', async () => {
  const first = page.locator('.camera-grid .camera-tile:not(.pinned)').first();
  const cameraId = (await first.getAttribute('data-camera-id'))!;
  await first.getByRole('button', { name: 'Hide' }).click();
  await expect.poll(() => tile(cameraId).count(), { timeout: 30_000 }).toBe(0);
  await page.locator('.hidden-cameras summary').click();
  await page.locator('.hidden-cameras').getByRole('button', { name: 'Show' }).first().click();
  await tile(cameraId).waitFor({ timeout: 30_000 });
});

it('shows a camera alert with its time and the picture of the moment, the live view a click away, and makes an incident of it with the type and priority chosen after seeing the one nearby', async () => {
  const body = JSON.stringify({
    cameraCode: live.mjpeg!.code,
    kind: 'smoke-fire',
    at: new Date().toISOString(),
    confidence: 0.93,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${system.url}/api/analytics/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [ANALYTICS_HEADERS.source]: DEMO_ANALYTICS_SOURCE.name,
      [ANALYTICS_HEADERS.timestamp]: String(timestamp),
      [ANALYTICS_HEADERS.signature]: signAnalytics(DEMO_ANALYTICS_SOURCE.secret, timestamp, body),
    },
    body,
  });
  expect(res.status).toBe(202);
  const { alert } = (await res.json()) as { alert: { id: string; firstAt: string } };
  await page.locator(`.map-alert[data-alert-id="${alert.id}"]`).waitFor({ timeout: 30_000 });
  const row = page.locator(`.alert-row[data-alert-id="${alert.id}"]`);
  expect(await row.textContent()).toContain('Smoke / fire');
  // The time of detection, as the clock on the wall says it.
  const at = new Date(alert.firstAt);
  const two = (n: number) => String(n).padStart(2, '0');
  expect(await row.locator('.alert-time').textContent()).toContain(
    `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`,
  );
  // The server took the camera's picture when the alert came in; the card shows it.
  const picture = row.locator('img.alert-snapshot');
  await expect
    .poll(() => picture.evaluate((i: HTMLImageElement) => i.naturalWidth).catch(() => 0), {
      timeout: 60_000,
      interval: 500,
    })
    .toBeGreaterThan(0);
  await screenshotBothSizes(page, 'dispatch-alert-card');

  // The live view is one click away, in the card.
  await row.getByRole('button', { name: 'Live view' }).click();
  await expect
    .poll(
      () =>
        row
          .locator('.alert-picture img')
          .evaluate((i: HTMLImageElement) => i.naturalWidth)
          .catch(() => 0),
      {
        timeout: 60_000,
        interval: 500,
      },
    )
    .toBeGreaterThan(0);
  await row.getByRole('button', { name: 'Picture of the moment' }).click();

  // Making an incident asks for the type and priority, and shows the open fire nearby before creating another.
  await row.getByRole('button', { name: 'Make incident' }).click();
  const form = row.locator('form.promote-alert');
  await form.locator('select').selectOption('fire/market-fire');
  await form.getByLabel('Priority').fill('8');
  await form.locator('.alert-duplicates .dup-row').first().waitFor({ timeout: 30_000 });
  await screenshotBothSizes(page, 'dispatch-alert-promote');
  await form.getByRole('button', { name: 'Create a new incident anyway' }).click();
  await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
  await expect
    .poll(() => page.locator('#detail-heading').textContent(), { timeout: 30_000 })
    .toContain('Fire');
  // The new incident is selected, with the alert's camera pinned beside it.
  await page.locator(`.camera-tile.pinned[data-camera-id="${live.mjpeg!.id}"]`).waitFor({ timeout: 60_000 });
  const { incidents } = await dispatcher.expectJson<{
    incidents: Array<{ subtype: string; priority: number; location: { point: { lat: number } } }>;
  }>('GET', '/incidents?status=open');
  expect(incidents).toContainEqual(expect.objectContaining({ subtype: 'market-fire', priority: 8 }));
  expect(incidents.filter((i) => i.subtype === 'market-fire')).toHaveLength(2);
  await screenshot(page, 'dispatch-alert-promoted');
});
