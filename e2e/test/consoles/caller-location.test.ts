// Where the caller is, as the call-taker sees it: SIPp callers through a carrier's trusted trunk into Kamailio and
// call control, each sending the network's location in an RFC 5491 shape (a cell-sector polygon as a posList, an
// ellipse, an arc band), a withheld caller whose number the network asserts, and a handset's AML message posted
// during the call. The console (Chromium, 1366x768) draws each shape inside its uncertainty circle, says how and
// when it was found, which number the network vouches for and that the caller withheld it; the incident shows
// every location.
import { createHmac } from 'node:crypto';
import { type Incident, nationalForm } from '@hcm112/shared';
import { beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { openConsole, screenshot } from '../../src/harness/browser.ts';
import { drawnLocation, withCallerLocationDesk } from '../../src/harness/caller-location-desk.ts';

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

const desk = withCallerLocationDesk({ calls: 4, env: { AML_SENDERS: `carrier-a:${AML_SECRET}` } });
let callTakerApi: ApiClient;
beforeAll(async () => {
  callTakerApi = await loginDemo(desk.system.url, 'ct1');
});

interface CallFromTrunk {
  /** E.164, as the network asserts it. */
  number: string;
  location: string;
  method: string;
  stamp: Date;
  withheld?: boolean;
}

/** A caller through the trusted trunk whose number the network asserts; a withheld one dials as "anonymous". */
function takeCall(c: CallFromTrunk) {
  return desk.takeCall(
    nationalForm(c.number),
    'carrier-caller-with-location-stays.xml',
    {
      from_host: c.withheld ? 'anonymous.invalid' : 'carrier.example',
      asserted: `sip:${c.number}@carrier.example;user=phone`,
      privacy: c.withheld ? 'id' : 'none',
      location: c.location,
      method: c.method,
      stamp: c.stamp.toISOString(),
    },
    c.withheld ? { from: 'anonymous' } : {},
  );
}

/** The drawn shape's vertices measured against the uncertainty circle, in screen pixels. */
async function drawnShape(kind: string) {
  const drawn = await drawnLocation(desk.page, kind);
  if (!drawn.circle) throw new Error(`no uncertainty circle drawn around the ${kind}`);
  return {
    vertices: drawn.shapeDistances.length,
    nearest: Math.min(...drawn.shapeDistances),
    farthest: Math.max(...drawn.shapeDistances),
    radius: drawn.circle.r,
  };
}

const whereLine = () => desk.page.locator('.call-panel .caller-where dd').first();
const clock = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' }).format(d);

it('draws a cell-sector polygon sent as a posList inside the radius that covers it, with method and time', async () => {
  const stamp = new Date(Date.now() - 4000);
  const caller = await takeCall({ number: '+84907200001', location: POLYGON, method: 'Cell', stamp });
  const drawn = await drawnShape('polygon');
  // Five corners, none outside the uncertainty circle, the farthest on it: the radius covers the sector exactly.
  expect(drawn.vertices).toBe(5);
  expect(drawn.farthest).toBeLessThanOrEqual(drawn.radius + 1.5);
  expect(drawn.farthest).toBeGreaterThan(drawn.radius * 0.9);
  const where = await whereLine().textContent();
  expect(where).toContain('area');
  expect(where).toContain('cell tower');
  expect(where).toContain(`fixed at ${clock(stamp)}`);
  expect(await desk.page.getByTestId('caller-identity').textContent()).toBe('number verified by the network');
  expect(await desk.page.getByTestId('caller-privacy').count()).toBe(0);
  await screenshot(desk.page, 'caller-location-polygon');
  await desk.endCall(caller);
});

it('draws an ellipse with its semi-major axis as the uncertainty and its semi-minor axis a third of it', async () => {
  const stamp = new Date(Date.now() - 2000);
  const caller = await takeCall({ number: '+84907200002', location: ELLIPSE, method: 'GPS', stamp });
  const drawn = await drawnShape('ellipse');
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
  await screenshot(desk.page, 'caller-location-ellipse');
  await desk.endCall(caller);
});

it('draws an arc band (a cell sector by timing advance) around its centroid, not the antenna', async () => {
  const stamp = new Date(Date.now() - 6000);
  const caller = await takeCall({ number: '+84907200003', location: ARC_BAND, method: 'Cell', stamp });
  const drawn = await drawnShape('arc-band');
  // Two arcs and their ends, all inside the covering circle, none at its centre (the centroid).
  expect(drawn.vertices).toBeGreaterThanOrEqual(6);
  expect(drawn.farthest).toBeLessThanOrEqual(drawn.radius + 1.5);
  expect(drawn.farthest).toBeGreaterThan(drawn.radius * 0.9);
  expect(drawn.nearest).toBeGreaterThan(0);
  const where = await whereLine().textContent();
  expect(where).toContain('cell sector');
  expect(where).toContain('cell tower');
  await screenshot(desk.page, 'caller-location-arc-band');
  await desk.endCall(caller);
});

it('shows a withheld caller by the number the trunk asserts, flags the privacy, and takes a handset AML fix live', async () => {
  const number = '+84905550077';
  const stamp = new Date(Date.now() - 3000);
  const caller = await takeCall({ number, location: CELL_CIRCLE, method: 'Cell', stamp, withheld: true });
  expect(await desk.page.getByTestId('caller-identity').textContent()).toBe('number verified by the network');
  expect(await desk.page.getByTestId('caller-privacy').textContent()).toContain('Caller withheld the number');
  expect(await whereLine().textContent()).toContain('± 800 m');
  const before = await desk.page
    .locator('.call-panel .caller-map path.caller-uncertainty')
    .getAttribute('d', { timeout: 30_000 });
  await screenshot(desk.page, 'caller-location-withheld');

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
  const res = await fetch(`${desk.system.url}/api/aml`, {
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
    .poll(() => desk.page.locator('.call-panel .caller-map path.caller-uncertainty').getAttribute('d'))
    .not.toBe(before);
  const fixes = desk.page.locator('.call-panel [data-testid="location-fix"]');
  await expect.poll(() => fixes.count(), { timeout: 30_000 }).toBe(2);
  expect(await fixes.first().textContent()).toContain('from the handset (AML)');
  expect(await fixes.first().getByTestId('location-in-use').textContent()).toBe('in use: newest');
  await screenshot(desk.page, 'caller-location-aml');

  // The incident opened from the call shows both locations, the handset's in use, to the dispatcher.
  const callId = await desk.page.locator('.call-panel').getAttribute('data-call-id');
  const { incident } = await callTakerApi.expectJson<{ incident: Incident }>(
    'POST',
    '/incidents',
    { type: 'medical', subtype: 'cardiac-arrest', callId },
    201,
  );
  await desk.endCall(caller);
  const dispatcher = await openConsole(desk.browser, desk.system.url, 'dsp1');
  await dispatcher.locator(`.incident-row[data-incident-id="${incident.id}"]`).click();
  const located = dispatcher.locator('.incident-detail .incident-locations [data-testid="location-fix"]');
  await expect.poll(() => located.count(), { timeout: 30_000 }).toBe(2);
  expect(await located.first().textContent()).toContain('from the handset (AML)');
  expect(await located.first().textContent()).toContain('in use: newest');
  expect(await located.nth(1).textContent()).toContain('± 800 m');
  expect(await located.nth(1).textContent()).toContain('cell tower');
  await screenshot(dispatcher, 'caller-location-incident');
});
