// The RFC 5491 shapes with a height, and the bare point, as the call-taker sees them: SIPp callers through a
// carrier's trusted trunk each send a PIDF-LO with a sphere, an ellipsoid, a prism (a floor of a building) or a
// point. The console (Chromium, 1366x768) puts the caller's pin on the representative point, draws the
// uncertainty circle of the radius sent (or none for a point), the ellipsoid's and prism's outline inside it,
// and says the shape, the height, how the location was found and when.
import { expect, it } from 'vitest';
import { drawnLocation, withCallerLocationDesk } from '../../src/harness/caller-location-desk.ts';
import { screenshot } from '../../src/harness/browser.ts';

const desk = withCallerLocationDesk({ calls: 4 });

const M = 'uom="urn:ogc:def:uom:EPSG::9001"';
const DEG = 'uom="urn:ogc:def:uom:EPSG::9102"';
const CRS3 = 'srsName="urn:ogc:def:crs:EPSG::4979"';
const CRS2 = 'srsName="urn:ogc:def:crs:EPSG::4326"';

/** Metres between two points (haversine): the radius that covers a prism's base. */
function metresBetween(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

const clock = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' }).format(d);
const whereLine = () => desk.page.locator('.call-panel .caller-where dd').first();
const mapLabel = () => desk.page.locator('.call-panel .caller-map').getAttribute('aria-label');

/** A caller through the trunk whose PIDF-LO carries `location`, found by `method` at `stamp`. */
function callWith(number: string, location: string, method: string, stamp: Date) {
  const national = `0${number.slice(3)}`;
  return desk.takeCall(national, 'carrier-caller-with-location-stays.xml', {
    from_host: 'carrier.example',
    asserted: `sip:${number}@carrier.example;user=phone`,
    privacy: 'none',
    location,
    method,
    stamp: stamp.toISOString(),
  });
}

it('draws a sphere as its centre inside a circle of its radius, with its height, method and time', async () => {
  const stamp = new Date(Date.now() - 5000);
  const sphere = `<gs:Sphere ${CRS3}><gml:pos>10.7769 106.7009 35</gml:pos><gs:radius ${M}>25</gs:radius></gs:Sphere>`;
  const caller = await callWith('+84907400001', sphere, 'A-GPS', stamp);
  const drawn = await drawnLocation(desk.page);
  expect(await mapLabel()).toBe('Map of the caller location, 10.77690, 106.70090');
  // The pin on the circle's centre, and the circle 25 m across the scale bar's metres.
  expect(drawn.circle).not.toBeNull();
  expect(Math.hypot(drawn.pin.x - drawn.circle!.x, drawn.pin.y - drawn.circle!.y)).toBeLessThan(1.5);
  expect((drawn.circle!.r * drawn.metresPerPixel) / 25).toBeCloseTo(1, 1);
  const where = await whereLine().textContent();
  expect(where).toContain('± 25 m');
  expect(where).toContain('sphere (with height)');
  expect(where).toContain('height 35 m ± 25 m');
  expect(where).toContain('GPS (network-assisted)');
  expect(where).toContain(`fixed at ${clock(stamp)}`);
  await screenshot(desk.page, 'caller-location-sphere');
  await desk.endCall(caller);
});

it('draws an ellipsoid as its ground ellipse inside the semi-major axis, with its vertical uncertainty', async () => {
  const stamp = new Date(Date.now() - 3000);
  const ellipsoid =
    `<gs:Ellipsoid ${CRS3}><gml:pos>10.7752 106.7012 40</gml:pos><gs:semiMajorAxis ${M}>60</gs:semiMajorAxis>` +
    `<gs:semiMinorAxis ${M}>20</gs:semiMinorAxis><gs:verticalAxis ${M}>6</gs:verticalAxis>` +
    `<gs:orientation ${DEG}>60</gs:orientation></gs:Ellipsoid>`;
  const caller = await callWith('+84907400002', ellipsoid, 'GPS', stamp);
  const drawn = await drawnLocation(desk.page, 'ellipsoid');
  expect(await mapLabel()).toBe('Map of the caller location, 10.77520, 106.70120');
  const circle = drawn.circle!;
  expect(Math.hypot(drawn.pin.x - circle.x, drawn.pin.y - circle.y)).toBeLessThan(1.5);
  expect((circle.r * drawn.metresPerPixel) / 60).toBeCloseTo(1, 1);
  // Its ends touch the 60 m circle, its sides a third of the way out (20 m).
  expect(Math.max(...drawn.shapeDistances) / circle.r).toBeCloseTo(1, 1);
  expect(Math.min(...drawn.shapeDistances) / circle.r).toBeCloseTo(1 / 3, 1);
  const where = await whereLine().textContent();
  expect(where).toContain('± 60 m');
  expect(where).toContain('ellipsoid (with height)');
  expect(where).toContain('height 40 m ± 6 m');
  expect(where).toContain('GPS');
  expect(where).toContain(`fixed at ${clock(stamp)}`);
  await screenshot(desk.page, 'caller-location-ellipsoid');
  await desk.endCall(caller);
});

it('draws a prism (a floor) as its base around the base’s centroid, with the floor’s heights', async () => {
  const stamp = new Date(Date.now() - 7000);
  const corners: [number, number][] = [
    [10.776, 106.7],
    [10.776, 106.7004],
    [10.7764, 106.7004],
    [10.7764, 106.7],
    [10.776, 106.7],
  ];
  const posList = corners.map(([lat, lon]) => `${lat} ${lon} 12`).join(' ');
  const prism =
    `<gs:Prism ${CRS3}><gs:base><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>${posList}` +
    `</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gs:base><gs:height ${M}>3</gs:height></gs:Prism>`;
  const caller = await callWith('+84907400003', prism, 'Wifi', stamp);
  const drawn = await drawnLocation(desk.page, 'prism');
  // The base's centroid, and the radius reaching its farthest corner.
  expect(await mapLabel()).toBe('Map of the caller location, 10.77620, 106.70020');
  const covering = metresBetween([10.7762, 106.7002], [10.776, 106.7]);
  const circle = drawn.circle!;
  expect(Math.hypot(drawn.pin.x - circle.x, drawn.pin.y - circle.y)).toBeLessThan(1.5);
  expect((circle.r * drawn.metresPerPixel) / covering).toBeCloseTo(1, 1);
  // Four corners (the ring closes on the first), all on the covering circle: the base is a square around it.
  expect(drawn.shapeDistances.length).toBeGreaterThanOrEqual(4);
  for (const d of drawn.shapeDistances) expect(d / circle.r).toBeCloseTo(1, 1);
  const where = await whereLine().textContent();
  expect(where).toContain(`± ${Math.round(covering)} m`);
  expect(where).toContain('floor area (with height)');
  expect(where).toContain('from 12 m to 15 m high');
  expect(where).toContain('Wi-Fi');
  expect(where).toContain(`fixed at ${clock(stamp)}`);
  await screenshot(desk.page, 'caller-location-prism');
  await desk.endCall(caller);
});

it('draws a bare point as the pin alone, saying its accuracy is unknown', async () => {
  const stamp = new Date(Date.now() - 2000);
  const point = `<gml:Point ${CRS2}><gml:pos>10.7771 106.6989</gml:pos></gml:Point>`;
  const caller = await callWith('+84907400004', point, 'DHCP', stamp);
  const drawn = await drawnLocation(desk.page);
  expect(await mapLabel()).toBe('Map of the caller location, 10.77710, 106.69890');
  // No circle: nothing says how far from the pin the caller may be. The map is centred on the pin.
  expect(drawn.circle).toBeNull();
  const box = (await desk.page.locator('.call-panel .caller-map').boundingBox())!;
  expect(Math.abs(drawn.pin.x - (box.x + box.width / 2))).toBeLessThan(1.5);
  expect(Math.abs(drawn.pin.y - (box.y + box.height / 2))).toBeLessThan(1.5);
  const where = await whereLine().textContent();
  expect(where).toContain('accuracy unknown');
  expect(where).toContain('point');
  expect(where).toContain('network address (DHCP)');
  expect(where).toContain(`fixed at ${clock(stamp)}`);
  expect(await desk.page.getByTestId('caller-height').count()).toBe(0);
  await screenshot(desk.page, 'caller-location-point');
  await desk.endCall(caller);
});
