// A call-taker's desk for the tests of where callers are: a system whose carrier trunk (SIPp on 127.0.0.2) is
// trusted, Chromium signed in as ct1 on a 1366x768 screen with a desk phone (SIPp) that answers, ready for calls;
// callers through the trunk; and what the caller map drew, measured in the page. It registers its own hooks.
import { dial, type Phone, type SippRun, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chooseDeskPhone, launchChromium, openConsole } from './browser.ts';
import { type RunningSystem, startSystem } from './system.ts';

/** SIPp on this address stands for the carrier's trunk (TRUSTED_TRUNKS). */
export const TRUNK = '127.0.0.2';
/** The smallest screen a call-taker's console must stay readable on. */
export const SMALL_SCREEN = { width: 1366, height: 768 };

export interface CallerLocationDesk {
  readonly system: RunningSystem;
  readonly browser: Browser;
  readonly page: Page;
  /**
   * A caller dialled through the trunk; resolves once the desk phone answered and the console has the call.
   * `national` is the number the console shows; the caller dials with it as its From user unless `call.from` says
   * otherwise (a withheld caller dials as "anonymous" and the console shows the number the network asserts).
   */
  takeCall(
    national: string,
    scenario: string,
    keys: Record<string, string>,
    call?: DialledCall,
  ): Promise<SippRun>;
  /** Hangs up from the console and closes the ended call. */
  endCall(caller: SippRun): Promise<void>;
}

export interface DialledCall {
  /** The SIP From user the caller dials with, when it is not the number the console shows. */
  from?: string;
}

export interface DeskOptions {
  /** More environment for the system (HELD_SERVERS, ...). */
  env?: Record<string, string>;
  /** How many calls the desk phone answers before it stops. */
  calls: number;
}

export function withCallerLocationDesk(options: DeskOptions): CallerLocationDesk {
  let system: RunningSystem | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let phone: Phone | undefined;
  const callers: SippRun[] = [];
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the desk is not started (beforeAll)');
    return v;
  };

  beforeAll(async () => {
    system = await startSystem({ env: { TRUSTED_TRUNKS: TRUNK, ...options.env } });
    browser = await launchChromium();
    page = await openConsole(browser, system.url, 'ct1', { viewport: SMALL_SCREEN });
    await chooseDeskPhone(page);
    phone = await startPhone(system.kamailio!, '1001', { calls: options.calls, args: ['-timeout', '400s'] });
    // Ready once the console knows the desk phone is registered (until then Alt+R is refused with a reason).
    const notReady = page.getByRole('button', { name: /Go not ready/ });
    for (let tries = 0; tries < 20 && !(await notReady.isVisible()); tries++) {
      await page.keyboard.press('Alt+R');
      await notReady.waitFor({ timeout: 3000 }).catch(() => {});
    }
    await notReady.waitFor({ timeout: 1000 });
  });

  afterAll(async () => {
    for (const c of callers) c.stop();
    phone?.run.stop();
    if (system?.kamailio) await unregisterPhones(system.kamailio);
    await browser?.close();
    await system?.stop();
  });

  return {
    get system() {
      return need(system);
    },
    get browser() {
      return need(browser);
    },
    get page() {
      return need(page);
    },
    async takeCall(national, scenario, keys, call = {}) {
      const p = need(page);
      const caller = dial(need(system).kamailio!, call.from ?? national, {
        scenario,
        args: ['-i', TRUNK, '-timeout', '300s'],
        keys,
      });
      callers.push(caller);
      // A caller SIPp gave up on fails the test with SIPp's own account, not a bare timeout.
      await Promise.race([
        p
          .locator('.call-panel')
          .getByTestId('caller-number')
          .filter({ hasText: national })
          .waitFor({ timeout: 60_000 }),
        caller.done
          .then(() => caller.ok())
          .then(() => {
            throw new Error(`the caller ${national} ended before the console had the call`);
          }),
      ]);
      // The console shows the call from the moment it rings; the desk phone picks up a moment later and the
      // incident form opens. A hang-up (Alt+H) before that would leave a desk phone's ringing call alone.
      await p.locator('.call-panel .incident-form').waitFor({ timeout: 30_000 });
      return caller;
    },
    async endCall(caller) {
      const p = need(page);
      await p.keyboard.press('Alt+H');
      await caller.ok();
      await p
        .locator('.call-panel')
        .getByRole('heading', { name: 'Call ended' })
        .waitFor({ timeout: 30_000 });
      await p.keyboard.press('Alt+X');
      await p.getByText(/No call in hand/).waitFor();
    },
  };
}

/** What the caller map drew, in screen pixels: the pin, the uncertainty circle, the shape and the scale bar. */
export interface DrawnLocation {
  /** The centre of the caller's pin. */
  pin: { x: number; y: number };
  /** The uncertainty circle: its centre and radius; null when none is drawn. */
  circle: { x: number; y: number; r: number } | null;
  /** The drawn shape's vertices' distances from the circle's centre (pixels); empty when no shape is drawn. */
  shapeDistances: number[];
  /** Metres per pixel, read off the scale bar. */
  metresPerPixel: number;
}

/** Reads what the caller map of the call panel drew (it waits for the pin). */
export async function drawnLocation(page: Page, shapeKind?: string): Promise<DrawnLocation> {
  const map = page.locator('.call-panel .caller-map');
  await map.locator('.caller-pin').waitFor({ timeout: 30_000 });
  if (shapeKind) await map.locator(`path.caller-shape-${shapeKind}`).waitFor({ timeout: 30_000 });
  return map.evaluate((el, kind) => {
    const centre = (r: DOMRect) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const pin = centre((el.querySelector('.caller-pin') as HTMLElement).getBoundingClientRect());
    const ring = el.querySelector('path.caller-uncertainty') as SVGPathElement | null;
    const box = ring?.getBoundingClientRect();
    const circle = box ? { ...centre(box), r: box.width / 2 } : null;
    const shape = kind ? (el.querySelector(`path.caller-shape-${kind}`) as SVGPathElement | null) : null;
    const distances: number[] = [];
    if (shape && circle) {
      // Vertices in the path's own coordinates, put on screen through the path's transform.
      const matrix = shape.getScreenCTM();
      for (const m of (shape.getAttribute('d') ?? '').matchAll(/[ML]([-\d.e]+) ([-\d.e]+)/g)) {
        const p = new DOMPoint(Number(m[1]), Number(m[2])).matrixTransform(matrix ?? undefined);
        distances.push(Math.hypot(p.x - circle.x, p.y - circle.y));
      }
    }
    const scale = el.querySelector('.leaflet-control-scale-line') as HTMLElement;
    const [, n, unit] = /([\d.]+)\s*(km|m)/.exec(scale.textContent ?? '') ?? [];
    const metres = Number(n) * (unit === 'km' ? 1000 : 1);
    return {
      pin,
      circle,
      shapeDistances: distances,
      // Leaflet sets the bar's width (without its borders) to the length its label names.
      metresPerPixel: metres / Number.parseFloat(scale.style.width),
    };
  }, shapeKind);
}
