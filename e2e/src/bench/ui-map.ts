// Dispatch map in Chromium with 500 units reporting positions and the city's 1,000 cameras shown: time from a
// position event published by the server to the unit's marker moving on screen (p50/p99), and the frame time
// while they move. Positions are published as the AVL service does (one realtime event per report), every unit
// every 5 s.
import { loadavg } from 'node:os';
import { UNIT_KIND_INFO, UnitKind } from '@hcm112/shared';
import type { Page } from 'playwright-core';
import { insertUnits } from '@hcm112/server/units/repository';
import { launchChromium, logInAs, newConsole } from '../support/browser.ts';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const UNITS = 500;
const REPORT_EVERY_S = 5;
const MEASURE_S = 30;
const WARMUP_S = 5;
const TICK_MS = 100;

interface BenchWindow {
  __moves: number[];
  __frames: number[];
  __stopFrames: boolean;
  __hcm112MapProbe: (unitId: string, reportedAt: number, shownAt: number) => void;
}

interface Tracked {
  id: string;
  lat: number;
  lon: number;
}

async function topUpUnits(db: Parameters<typeof insertUnits>[0], have: number): Promise<void> {
  const kinds = UnitKind.options;
  const extra = Array.from({ length: Math.max(0, UNITS - have) }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    return {
      callsign: `BENCH-${i}`,
      agency: UNIT_KIND_INFO[kind].agency,
      kind,
      capabilities: [...UNIT_KIND_INFO[kind].capabilities],
      stationId: null,
      position: { lat: 10.7 + ((i * 37) % 200) / 1000, lon: 106.6 + ((i * 53) % 200) / 1000 },
    };
  });
  await insertUnits(db, extra, new Date(Date.now() - 60_000));
}

async function fetchUnits(url: string, token: string): Promise<Tracked[]> {
  const res = await fetch(`${url}/api/units`, { headers: { authorization: `Bearer ${token}` } });
  const { units } = (await res.json()) as {
    units: Array<{ id: string; position: { point: { lat: number; lon: number } } | null }>;
  };
  return units.flatMap((u) => (u.position ? [{ id: u.id, ...u.position.point }] : []));
}

async function openMap(page: Page, url: string): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as BenchWindow;
    w.__moves = [];
    w.__hcm112MapProbe = (_id, reportedAt, shownAt) => w.__moves.push(shownAt - reportedAt);
  });
  await logInAs(page, url, 'dsp1', '#/dispatch');
  await page.waitForFunction((n) => document.querySelectorAll('.unit-board tbody tr').length >= n, UNITS, {
    timeout: 60_000,
  });
  // Zoomed out to the whole city: every unit and camera is on screen.
  await page.locator('.leaflet-control-zoom-out').click();
  await page.locator('.leaflet-control-zoom-out').click();
  await page.waitForTimeout(1500);
}

/** Records every animation frame's duration; a string, so the bundler's helpers are not needed in the page. */
function recordFrames(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    window.__frames = [];
    window.__stopFrames = false;
    let last = performance.now();
    function loop(t) {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stopFrames) requestAnimationFrame(loop);
    }
    requestAnimationFrame(loop);
  })()`);
}

export async function benchUiMap(): Promise<BenchRow[]> {
  const bdb = await createBenchDatabase({ city: true });
  const server = await startBenchServer(bdb);
  const browser = await launchChromium();
  try {
    const token = await loginToken(server.url, 'dsp1', 'demo-dsp1-112');
    await topUpUnits(bdb.db, (await fetchUnits(server.url, token)).length);
    const units = await fetchUnits(server.url, token);
    const { page } = await newConsole(browser);
    await openMap(page, server.url);

    const perTick = Math.max(1, Math.round((units.length * TICK_MS) / (REPORT_EVERY_S * 1000)));
    let next = 0;
    const ticks = ((WARMUP_S + MEASURE_S) * 1000) / TICK_MS;
    for (let tick = 0; tick < ticks; tick++) {
      if (tick === (WARMUP_S * 1000) / TICK_MS) {
        await page.evaluate(() => {
          (window as unknown as BenchWindow).__moves = [];
        });
        await recordFrames(page);
      }
      const started = Date.now();
      for (let k = 0; k < perTick; k++) {
        const u = units[next++ % units.length]!;
        u.lat += 0.0004;
        u.lon += 0.0003;
        await server.ctx.events.publish({
          type: 'unit.position',
          unitId: u.id,
          position: {
            point: { lat: u.lat, lon: u.lon },
            heading: 45,
            speedKmh: 40,
            at: new Date().toISOString(),
          },
        });
      }
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_MS - (Date.now() - started))));
    }
    await page.waitForTimeout(1000);
    const { moves, frames } = await page.evaluate(() => {
      const w = window as unknown as BenchWindow;
      w.__stopFrames = true;
      return { moves: w.__moves, frames: w.__frames.slice(1) };
    });
    const expected = Math.round(((MEASURE_S * 1000) / TICK_MS) * perTick);
    const latency = summarize(moves);
    const frame = summarize(frames);
    return [
      {
        area: 'ui',
        name: `position event -> unit marker moved on the map, ${units.length} units reporting every ${REPORT_EVERY_S} s (Chromium)`,
        ...latency,
      },
      {
        area: 'ui',
        name: 'position events shown of those published',
        value: (moves.length / expected) * 100,
        unit: '%',
        samples: moves.length,
        target: '100 %',
        met: moves.length >= expected,
      },
      {
        area: 'ui',
        name: `frame time, ${units.length} units moving + 1,000 cameras shown (software rendering, 60 Hz = 16.7 ms)`,
        ...frame,
      },
      {
        area: 'ui',
        name: 'machine load average (1 min) after the map benchmark',
        value: loadavg()[0],
        unit: 'runnable',
        samples: 1,
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
    await bdb.drop();
  }
}
