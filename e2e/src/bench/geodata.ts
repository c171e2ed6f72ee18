// The real city (GEODATA_DIR): 2025-ward lookup of a point (in memory, and by PostGIS), street tile requests at
// city and street zoom (first build and cached), and the dispatch map's frame time while it is panned and zoomed
// with the streets drawn; saves screenshots of the map at city and street zoom in e2e/artifacts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AddressService } from '@hcm112/server/addresses/service';
import { loadConfig } from '@hcm112/server/config';
import { createDb } from '@hcm112/server/db/database';
import { importCity } from '@hcm112/server/geodata/import-city';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { launchChromium, logInAs, newConsole, screenshot } from '../harness/browser.ts';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, percentile, summarize } from './table.ts';

const DATA = loadConfig().GEODATA_DIR;
/** Inside the former city, where calls come from most. */
const BOX = { lat: [10.7, 10.86], lon: [106.6, 106.8] } as const;

function randomPoints(n: number, seed = 7): Array<{ lat: number; lon: number }> {
  let s = seed;
  const next = () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  return Array.from({ length: n }, () => ({
    lat: BOX.lat[0] + next() * (BOX.lat[1] - BOX.lat[0]),
    lon: BOX.lon[0] + next() * (BOX.lon[1] - BOX.lon[0]),
  }));
}

function tileOf(p: { lat: number; lon: number }, z: number): [number, number] {
  const n = 2 ** z;
  const s = Math.sin((p.lat * Math.PI) / 180);
  return [
    Math.floor(((p.lon + 180) / 360) * n),
    Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n),
  ];
}

async function timeAll<T>(items: T[], run: (item: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) {
    const t = performance.now();
    await run(item);
    out.push(performance.now() - t);
  }
  return out;
}

function recordFrames(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    window.__frames = [];
    window.__stopFrames = false;
    let last = performance.now();
    function loop(t) { window.__frames.push(t - last); last = t; if (!window.__stopFrames) requestAnimationFrame(loop); }
    requestAnimationFrame(loop);
  })()`);
}

async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(`(() => { window.__stopFrames = true; return window.__frames.slice(1); })()`);
}

/** Drags the map around a square and wheels in and out once, as a dispatcher looking around does. */
async function panAndZoom(page: Page): Promise<void> {
  const box = (await page.locator('.leaflet-container').first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of [
    [300, 0],
    [0, 200],
    [-300, 0],
    [0, -200],
  ] as const) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) await page.mouse.move(cx + (dx * i) / 30, cy + (dy * i) / 30);
    await page.mouse.up();
  }
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, -200);
  await page.waitForTimeout(800);
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(800);
}

async function zoomTo(page: Page, from: number, to: number): Promise<void> {
  const button = to > from ? '.leaflet-control-zoom-in' : '.leaflet-control-zoom-out';
  for (let z = from; z !== to; z += to > from ? 1 : -1) {
    await page.locator(button).first().click();
    await page.waitForTimeout(400);
  }
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(2000);
}

export async function benchGeodata(): Promise<BenchRow[]> {
  if (!existsSync(join(DATA, 'hcmc_wards_2025.geojson'))) {
    process.stderr.write(`bench geodata skipped: no real geodata at ${DATA}\n`);
    return [];
  }
  const bdb = await createBenchDatabase({ city: true });
  const owner = createDb(bdb.adminUrl, 2);
  await importCity(owner, DATA, () => {});
  await owner.destroy();
  const server = await startBenchServer(bdb);
  const rows: BenchRow[] = [];
  try {
    const points = randomPoints(5000);
    const addresses = new AddressService(bdb.db);
    await addresses.wardOf(points[0]!);
    const inMemory = await timeAll(points, (p) => addresses.wardOf(p));
    rows.push({
      area: 'geodata',
      name: 'ward lookup, in memory (168 wards)',
      ...summarize(inMemory),
      target: 'p99 < 1 ms',
      met: summarize(inMemory).p99Ms < 1,
    });
    const client = new pg.Client({ connectionString: bdb.url });
    await client.connect();
    const byDb = await timeAll(points.slice(0, 1000), (p) =>
      client.query('SELECT ward_at(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography)', [p.lon, p.lat]),
    );
    await client.end();
    rows.push({ area: 'geodata', name: 'ward lookup, PostGIS ward_at (round trip)', ...summarize(byDb) });

    const token = await loginToken(server.url, 'dsp1', 'demo-dsp1-112');
    const headers = { authorization: `Bearer ${token}` };
    for (const z of [12, 16]) {
      const tiles = [...new Set(points.slice(0, 300).map((p) => tileOf(p, z).join('/')))];
      const get = (t: string) =>
        fetch(`${server.url}/api/map/streets/${z}/${t}`, { headers }).then((r) => r.text());
      const cold = await timeAll(tiles, get);
      const warm = await timeAll(tiles, get);
      const c = summarize(cold);
      const w = summarize(warm);
      rows.push({
        area: 'geodata',
        name: `street tile z${z}, first request after start (z <= 12 pre-built at start, z16 built by PostGIS)`,
        ...c,
        target: 'p99 < 30 ms',
        met: c.p99Ms < 30,
      });
      rows.push({
        area: 'geodata',
        name: `street tile z${z}, cached`,
        ...w,
        target: 'p99 < 30 ms',
        met: w.p99Ms < 30,
      });
    }

    const browser = await launchChromium();
    try {
      const { page } = await newConsole(browser);
      page.on('response', (r) => {
        if (r.url().includes('/map/streets/') && r.status() !== 200)
          process.stderr.write(`tile ${r.status()} ${r.url()}\n`);
      });
      await logInAs(page, server.url, 'dsp1', '#/dispatch');
      await page.locator('.street-tiles canvas.leaflet-tile-loaded').first().waitFor({ timeout: 30_000 });
      await zoomTo(page, 13, 12);
      await screenshot(page, 'geodata-dispatch-city-zoom');
      for (const [label, zoomIn] of [
        ['city zoom 12', 0],
        ['street zoom 16', 4],
      ] as const) {
        if (zoomIn) {
          await zoomTo(page, 12, 12 + zoomIn);
          await screenshot(page, 'geodata-dispatch-street-zoom');
        }
        await recordFrames(page);
        await panAndZoom(page);
        const frames = (await stopFrames(page)).sort((a, b) => a - b);
        const p95 = percentile(frames, 95);
        rows.push({
          area: 'geodata',
          name: `dispatch map frame time p95, pan and zoom with streets, ${label}`,
          value: p95,
          unit: 'ms p95',
          samples: frames.length,
          target: 'p95 < 33 ms',
          met: p95 < 33,
        });
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
    await bdb.drop();
  }
  return rows;
}
