// Where the caller is, as the call-taker sees it: SIPp callers through a carrier's trusted trunk into Kamailio and
// call control, each sending the network's location in an RFC 5491 shape (a cell-sector polygon as a posList, an
// ellipse, an arc band), a withheld caller whose number the network asserts, and a handset's AML message posted
// during the call. The console (Chromium) draws each shape inside its uncertainty circle, says how and when it was
// found, which number the network vouches for and that the caller withheld it; the incident shows every location.
import { createHmac } from 'node:crypto';
import { type Incident, nationalForm } from '@hcm112/shared';
import { dial, type Phone, type SippRun, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { chooseDeskPhone, launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';

// SIPp on 127.0.0.2 stands for the carrier's trunk.
const TRUNK = '127.0.0.2';
const AML_SECRET = 'aml-secret-of-the-console-test-0123456789';
const M = 'uom="urn:ogc:def:uom:EPSG::9001"';
const DEG = 'uom="urn:ogc:def:uom:EPSG::9102"';

/** A cell sector around Bến Thành as the carrier's location server writes it: five corners in one posList. */
const SECTOR = [
  [10.772, 106.6975],
  [10.7722, 106.6998],
  [10.7735, 106.7003],
  [10.7745, 106.699],
  [10.7738, 106.6972],
  [10.772, 106.6975],
];
const POLYGON = `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::4326"><gml:exterior><gml:LinearRing><gml:posList>${SECTOR.flat().join(' ')}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`;
const ELLIPSE = `<gs:Ellipse srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>10.7769 106.7009</gml:pos><gs:semiMajorAxis ${M}>120</gs:semiMajorAxis><gs:semiMinorAxis ${M}>40</gs:semiMinorAxis><gs:orientation ${DEG}>30</gs:orientation></gs:Ellipse>`;
const ARC_BAND = `<gs:ArcBand srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>10.78 106.69</gml:pos><gs:innerRadius ${M}>500</gs:innerRadius><gs:outerRadius ${M}>1500</gs:outerRadius><gs:startAngle ${DEG}>100</gs:startAngle><gs:openingAngle ${DEG}>40</gs:openingAngle></gs:ArcBand>`;
const CELL_CIRCLE = `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>10.7795 106.692</gml:pos><gs:radius ${M}>800</gs:radius></gs:Circle>`;

let system: RunningSystem;
let browser: Browser;
let page: Page;
let phone: Phone | undefined;
let callTakerApi: ApiClient;
const callers: SippRun[] = [];

beforeAll(async () => {
  system = await startSystem({
    env: { TRUSTED_TRUNKS: TRUNK, AML_SENDERS: `carrier-a:${AML_SECRET}` },
  });
  browser = await launchChromium();
  callTakerApi = await loginDemo(system.url, 'ct1');
  page = await openConsole(browser, system.url, 'ct1');
  await chooseDeskPhone(page);
  phone = await startPhone(system.kamailio!, '1001', { calls: 4, args: ['-timeout', '400s'] });
  // Ready once the console knows the desk phone is registered (until then Alt+R is refused with a reason).
  const notReadyButton = page.getByRole('button', { name: /Go not ready/ });
  for (let tries = 0; tries < 20 && !(await notReadyButton.isVisible()); tries++) {
    await page.keyboard.press('Alt+R');
    await notReadyButton.waitFor({ timeout: 3000 }).catch(() => {});
  }
  await notReadyButton.waitFor({ timeout: 1000 });
});

afterAll(async () => {
  for (const c of callers) c.stop();
  phone?.run.stop();
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await browser?.close();
  await system?.stop();
});

interface CallFromTrunk {
  /** E.164, as the network asserts it. */
  number: string;
  location: string;
  method: string;
  stamp: Date;
  withheld?: boolean;
}

/** A caller through the trusted trunk; returns once the desk phone answered and the console has the call in hand. */
async function takeCall(c: CallFromTrunk): Promise<SippRun> {
  const national = nationalForm(c.number);
  const caller = dial(system.kamailio!, c.withheld ? 'anonymous' : national, {
    scenario: 'carrier-caller-with-location-stays.xml',
    args: ['-i', TRUNK, '-timeout', '300s'],
    keys: {
      from_host: c.withheld ? 'anonymous.invalid' : 'carrier.example',
      asserted: `sip:${c.number}@carrier.example;user=phone`,
      privacy: c.withheld ? 'id' : 'none',
      location: c.location,
      method: c.method,
      stamp: c.stamp.toISOString(),
    },
  });
  callers.push(caller);
  // A caller SIPp gave up on fails the test with SIPp's own account, not a bare timeout.
  await Promise.race([
    page
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
  // The console shows the call from the moment it rings; the desk phone picks up a moment later and the incident
  // form opens. A hang-up (Alt+H) before that would leave a desk phone's ringing call alone.
  await page.locator('.call-panel .incident-form').waitFor({ timeout: 30_000 });
  return caller;
}

async function endCall(caller: SippRun): Promise<void> {
  await page.keyboard.press('Alt+H');
  await caller.ok();
  await page.locator('.call-panel').getByRole('heading', { name: 'Call ended' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Alt+X');
  await page.getByText(/No call in hand/).waitFor();
}

interface Drawn {
  kind: string | null;
  /** The shape's vertices as drawn (SVG pixels), and each one's distance from the uncertainty circle's centre. */
  vertices: number;
  nearest: number;
  farthest: number;
  /** The uncertainty circle's radius in the same pixels. */
  radius: number;
}

/** What the caller map drew: the shape's path (its kind, vertices) measured against the uncertainty circle. */
async function drawnShape(kind: string): Promise<Drawn> {
  const map = page.locator('.call-panel .caller-map');
  await map.locator(`path.caller-shape-${kind}`).waitFor({ timeout: 30_000 });
  return map.evaluate((el, k) => {
    const shape = el.querySelector(`path.caller-shape-${k}`);
    const circle = el.querySelector('path.caller-uncertainty');
    // Leaflet writes a polygon as "M x yL x y...z" and a circle as "M x0,y a r,r 0 1,0 2r,0 ...".
    const circleD = circle?.getAttribute('d') ?? '';
    const [, x0, cy, r] = /^M([-\d.e]+),([-\d.e]+)a([-\d.e]+),/.exec(circleD) ?? [];
    const radius = Number(r);
    const cx = Number(x0) + radius;
    const points = [...(shape?.getAttribute('d') ?? '').matchAll(/[ML]([-\d.e]+) ([-\d.e]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    const distances = points.map(([x, y]) => Math.hypot((x as number) - cx, (y as number) - Number(cy)));
    return {
      kind:
        (shape?.getAttribute('class') ?? '')
          .split(/\s+/)
          .find((c) => c.startsWith('caller-shape-'))
          ?.slice(13) ?? null,
      vertices: points.length,
      nearest: Math.min(...distances),
      farthest: Math.max(...distances),
      radius,
    };
  }, kind);
}

const whereLine = () => page.locator('.call-panel .caller-where dd').first();
const clock = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' }).format(d);

it('draws a cell-sector polygon sent as a posList inside the radius that covers it, with method and time', async () => {
  const stamp = new Date(Date.now() - 4000);
  const caller = await takeCall({ number: '+84907200001', location: POLYGON, method: 'Cell', stamp });
  const drawn = await drawnShape('polygon');
  // Five corners, none outside the uncertainty circle, the farthest on it: the radius covers the sector exactly.
  expect(drawn).toMatchObject({ kind: 'polygon', vertices: 5 });
  expect(drawn.farthest).toBeLessThanOrEqual(drawn.radius + 1.5);
  expect(drawn.farthest).toBeGreaterThan(drawn.radius * 0.9);
  const where = await whereLine().textContent();
  expect(where).toContain('area');
  expect(where).toContain('cell tower');
  expect(where).toContain(`fixed at ${clock(stamp)}`);
  expect(await page.getByTestId('caller-identity').textContent()).toBe('number verified by the network');
  expect(await page.getByTestId('caller-privacy').count()).toBe(0);
  await screenshot(page, 'caller-location-polygon');
  await endCall(caller);
});

it('draws an ellipse with its semi-major axis as the uncertainty and its semi-minor axis a third of it', async () => {
  const stamp = new Date(Date.now() - 2000);
  const caller = await takeCall({ number: '+84907200002', location: ELLIPSE, method: 'GPS', stamp });
  const drawn = await drawnShape('ellipse');
  expect(drawn.kind).toBe('ellipse');
  // 120 m by 40 m around the reported point: its ends touch the 120 m circle, its sides a third of the way out.
  expect(drawn.farthest / drawn.radius).toBeGreaterThan(0.95);
  expect(drawn.farthest / drawn.radius).toBeLessThan(1.02);
  expect(drawn.nearest / drawn.radius).toBeGreaterThan(0.28);
  expect(drawn.nearest / drawn.radius).toBeLessThan(0.4);
  const where = await whereLine().textContent();
  expect(where).toContain('± 120 m');
  expect(where).toContain('GPS');
  expect(where).toContain('ellipse');
  expect(where).toContain(`fixed at ${clock(stamp)}`);
  await screenshot(page, 'caller-location-ellipse');
  await endCall(caller);
});

it('draws an arc band (a cell sector by timing advance) around its centroid, not the antenna', async () => {
  const stamp = new Date(Date.now() - 6000);
  const caller = await takeCall({ number: '+84907200003', location: ARC_BAND, method: 'Cell', stamp });
  const drawn = await drawnShape('arc-band');
  expect(drawn.kind).toBe('arc-band');
  // Two arcs and their ends, all inside the covering circle, none at its centre (the centroid).
  expect(drawn.vertices).toBeGreaterThanOrEqual(6);
  expect(drawn.farthest).toBeLessThanOrEqual(drawn.radius + 1.5);
  expect(drawn.farthest).toBeGreaterThan(drawn.radius * 0.9);
  expect(drawn.nearest).toBeGreaterThan(0);
  const where = await whereLine().textContent();
  expect(where).toContain('cell sector');
  expect(where).toContain('cell tower');
  await screenshot(page, 'caller-location-arc-band');
  await endCall(caller);
});

it('shows a withheld caller by the number the trunk asserts, flags the privacy, and takes a handset AML fix live', async () => {
  const number = '+84905550077';
  const stamp = new Date(Date.now() - 3000);
  const caller = await takeCall({ number, location: CELL_CIRCLE, method: 'Cell', stamp, withheld: true });
  expect(await page.getByTestId('caller-identity').textContent()).toBe('number verified by the network');
  expect(await page.getByTestId('caller-privacy').textContent()).toContain('Caller withheld the number');
  expect(await whereLine().textContent()).toContain('± 800 m');
  const before = await page
    .locator('.call-panel .caller-map path.caller-uncertainty')
    .getAttribute('d', { timeout: 30_000 });
  await screenshot(page, 'caller-location-withheld');

  // The handset's own fix (ETSI TS 103 625 name-value pairs, form-encoded as handsets send them, signed by the
  // carrier that relays it) while the call is live.
  const fixedAt = new Date();
  const body = new URLSearchParams({
    v: '3',
    emergency_number: '112',
    device_number: number,
    location_latitude: '10.7791',
    location_longitude: '106.6931',
    location_accuracy: '18',
    location_time: String(fixedAt.getTime()),
    location_source: 'wifi',
    device_imei: '356938035643809',
  }).toString();
  const res = await fetch(`${system.url}/api/aml`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-aml-sender': 'carrier-a',
      'x-aml-signature': `sha256=${createHmac('sha256', AML_SECRET).update(body).digest('hex')}`,
    },
    body,
  });
  expect(res.status).toBe(202);
  expect(await res.json()).toMatchObject({ outcome: 'joined' });
  const where = whereLine();
  await where.filter({ hasText: 'from the handset (AML)' }).waitFor({ timeout: 30_000 });
  const text = await where.textContent();
  expect(text).toContain('± 18 m');
  expect(text).toContain('Wi-Fi');
  expect(text).toContain(`fixed at ${clock(fixedAt)}`);
  // The map now draws the handset's 18 m circle, not the cell's 800 m.
  await expect
    .poll(() => page.locator('.call-panel .caller-map path.caller-uncertainty').getAttribute('d'))
    .not.toBe(before);
  const fixes = page.locator('.call-panel [data-testid="location-fix"]');
  await expect.poll(() => fixes.count(), { timeout: 30_000 }).toBe(2);
  expect(await fixes.first().textContent()).toContain('from the handset (AML)');
  expect(await fixes.first().getByTestId('location-in-use').textContent()).toBe('in use: newest');
  await screenshot(page, 'caller-location-aml');

  // The incident opened from the call shows both locations, the handset's in use, to the dispatcher.
  const callId = await page.locator('.call-panel').getAttribute('data-call-id');
  const { incident } = await callTakerApi.expectJson<{ incident: Incident }>(
    'POST',
    '/incidents',
    { type: 'medical', subtype: 'cardiac-arrest', callId },
    201,
  );
  await endCall(caller);
  const dispatcher = await openConsole(browser, system.url, 'dsp1');
  await dispatcher.locator(`.incident-row[data-incident-id="${incident.id}"]`).click();
  const located = dispatcher.locator('.incident-detail .incident-locations [data-testid="location-fix"]');
  await expect.poll(() => located.count(), { timeout: 30_000 }).toBe(2);
  expect(await located.first().textContent()).toContain('from the handset (AML)');
  expect(await located.first().textContent()).toContain('in use: newest');
  expect(await located.nth(1).textContent()).toContain('± 800 m');
  expect(await located.nth(1).textContent()).toContain('cell tower');
  await screenshot(dispatcher, 'caller-location-incident');
});
