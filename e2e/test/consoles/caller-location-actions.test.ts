// What the call-taker does about where the caller is, from the console (Chromium, 1366x768): "Refresh location"
// for a caller located by reference (a SIPp caller whose Geolocation is an https: URI on a real HTTPS HELD server
// started here, which moves the caller between asks), the caller's pin dragged or set on the caller map, and an
// address picked in the incident form recorded as where the caller is. Each lands in the call's history, shown
// with the one in use and why.
import type { CallLocationHistory } from '@hcm112/shared';
import { startHeldServer } from '@hcm112/telephony/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { screenshot } from '../../src/harness/browser.ts';
import { drawnLocation, withCallerLocationDesk } from '../../src/harness/caller-location-desk.ts';

const held = await startHeldServer();
const desk = withCallerLocationDesk({
  calls: 3,
  env: {
    HELD_SERVERS: held.origin,
    HELD_CA_FILE: held.caFile,
    HELD_TIMEOUT_MS: '1500',
    HELD_RETRIES: '1',
  },
});
afterAll(() => held.stop());

let api: ApiClient;
beforeAll(async () => {
  api = await loginDemo(desk.system.url, 'ct1');
});

const M = 'uom="urn:ogc:def:uom:EPSG::9001"';
const CRS2 = 'srsName="urn:ogc:def:crs:EPSG::4326"';

/** The carrier's PIDF-LO: a circle, found by `method` at `stamp`. */
const pidf = (lat: number, lon: number, radius: number, method: string, stamp: Date) => `<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
  xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" entity="pres:caller@carrier">
  <tuple id="t"><status><gp:geopriv><gp:location-info>
    <gs:Circle ${CRS2}><gml:pos>${lat} ${lon}</gml:pos><gs:radius ${M}>${radius}</gs:radius></gs:Circle>
  </gp:location-info><gp:usage-rules/><gp:method>${method}</gp:method></gp:geopriv></status>
  <timestamp>${stamp.toISOString()}</timestamp></tuple>
</presence>`;

const panel = () => desk.page.locator('.call-panel');
const whereLine = () => panel().locator('.caller-where dd').first();
const fixes = () => panel().locator('[data-testid="location-fix"]');
const mapLabel = () => panel().locator('.caller-map').getAttribute('aria-label');

async function historyOf(): Promise<CallLocationHistory> {
  const callId = await panel().getAttribute('data-call-id');
  return api.expectJson<CallLocationHistory>('GET', `/calls/${callId}/locations`);
}

it('refreshes a location by reference: asks the carrier again and draws where it moved the caller', async () => {
  const path = '/loc/e2e-console-0907300001';
  held.answer(path, { pidf: pidf(10.7769, 106.7009, 150, 'Cell', new Date(Date.now() - 4000)) });
  const caller = await desk.takeCall('0907300001', 'carrier-caller-located-by-reference-stays.xml', {
    asserted: 'sip:+84907300001@carrier.example;user=phone',
    geolocation: `${held.origin}${path}`,
  });
  await whereLine().filter({ hasText: 'from the carrier (HELD)' }).waitFor({ timeout: 30_000 });
  expect(await whereLine().textContent()).toContain('± 150 m');
  const first = await drawnLocation(desk.page);
  expect((first.circle!.r * first.metresPerPixel) / 150).toBeCloseTo(1, 1);

  // The location server stops answering: the console says it is asking, then why no location came.
  held.answer(path, 'hang');
  const button = panel().getByRole('button', { name: /Refresh location/ });
  const status = panel().getByTestId('refresh-status');
  await desk.page.keyboard.press('Alt+L');
  await status.filter({ hasText: "Asking the carrier's location server" }).waitFor();
  expect(await button.isDisabled()).toBe(true);
  await screenshot(desk.page, 'caller-location-refresh-asking');
  await status.filter({ hasText: 'The carrier gave no usable location' }).waitFor({ timeout: 30_000 });
  expect(await status.textContent()).toContain('did not answer: timed out');
  expect(await whereLine().textContent()).toContain('± 150 m');

  // The carrier has moved the caller, with a better fix: the new circle is drawn and the history grows.
  const moved = new Date(Date.now() - 1000);
  held.answer(path, { pidf: pidf(10.7795, 106.6985, 40, 'A-GPS', moved) });
  await button.focus();
  await desk.page.keyboard.press('Enter');
  await status.filter({ hasText: 'New location from the carrier: ± 40 m' }).waitFor({ timeout: 30_000 });
  await expect.poll(mapLabel, { timeout: 30_000 }).toBe('Map of the caller location, 10.77950, 106.69850');
  const second = await drawnLocation(desk.page);
  expect((second.circle!.r * second.metresPerPixel) / 40).toBeCloseTo(1, 1);
  expect(Math.hypot(second.pin.x - second.circle!.x, second.pin.y - second.circle!.y)).toBeLessThan(1.5);
  const where = await whereLine().textContent();
  expect(where).toContain('± 40 m');
  expect(where).toContain('GPS (network-assisted)');
  await expect.poll(() => fixes().count(), { timeout: 30_000 }).toBe(3);
  expect(await fixes().first().textContent()).toContain('± 40 m');
  expect(await fixes().first().getByTestId('location-in-use').textContent()).toBe('in use: newest');
  expect(await fixes().nth(1).textContent()).toContain('unusable');
  await screenshot(desk.page, 'caller-location-refresh-new');

  // Asked again, the carrier gives the same fix: the console says so.
  await button.click();
  await status
    .filter({ hasText: "The carrier's location is unchanged (± 40 m)" })
    .waitFor({ timeout: 30_000 });
  await expect.poll(() => fixes().count(), { timeout: 30_000 }).toBe(4);
  const history = await historyOf();
  expect(history.fixes.map((f) => [f.source, f.location?.accuracyM ?? null])).toEqual([
    ['held', 150],
    ['held', null],
    ['held', 40],
    ['held', 40],
  ]);
  expect(held.requests.filter((p) => p === path).length).toBeGreaterThanOrEqual(5);
  await desk.endCall(caller);
});

it('records the pin dragged, or set on the caller map, as where the caller is, in use as the newest', async () => {
  // The network's fix is minutes old: whatever the call-taker places is newer and is used.
  const stamp = new Date(Date.now() - 5 * 60_000);
  const caller = await desk.takeCall('0907300002', 'carrier-caller-with-location-stays.xml', {
    from_host: 'carrier.example',
    asserted: 'sip:+84907300002@carrier.example;user=phone',
    privacy: 'none',
    location: `<gs:Circle ${CRS2}><gml:pos>10.7769 106.7009</gml:pos><gs:radius ${M}>300</gs:radius></gs:Circle>`,
    method: 'Cell',
    stamp: stamp.toISOString(),
  });
  const map = panel().locator('.caller-map');
  await map.scrollIntoViewIfNeeded();
  const pin = map.locator('.caller-pin');
  await pin.waitFor({ timeout: 30_000 });
  const at = (await pin.boundingBox())!;
  await desk.page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await desk.page.mouse.down();
  await desk.page.mouse.move(at.x + at.width / 2 + 60, at.y + at.height / 2 + 40, { steps: 8 });
  await desk.page.mouse.up();
  const recorded = panel().getByTestId('location-recorded');
  await recorded.filter({ hasText: 'pin placed by the call-taker' }).waitFor({ timeout: 30_000 });
  expect(await recorded.textContent()).toContain('It is now the location in use.');
  await whereLine().filter({ hasText: 'pin placed by the call-taker' }).waitFor({ timeout: 30_000 });
  const dragged = (await historyOf()).fixes.at(-1)!;
  // Dragged right and down: east and south of the network's point.
  expect(dragged).toMatchObject({ source: 'pin', location: { accuracyM: null } });
  expect(dragged.location!.point.lon).toBeGreaterThan(106.7009);
  expect(dragged.location!.point.lat).toBeLessThan(10.7769);
  await expect.poll(() => fixes().count(), { timeout: 30_000 }).toBe(2);
  expect(await fixes().first().textContent()).toContain('pin placed by the call-taker');
  expect(await fixes().first().getByTestId('location-in-use').textContent()).toBe('in use: newest');
  await screenshot(desk.page, 'caller-location-pin-dragged');

  // "Set location here": the map moved with the arrow keys marks its centre, and the button records it.
  await map.scrollIntoViewIfNeeded();
  const before = await mapLabel();
  await map.focus();
  await desk.page.keyboard.press('ArrowLeft');
  const hint = panel().locator('#caller-map-hint');
  await hint.filter({ hasText: /^Marked / }).waitFor({ timeout: 10_000 });
  const marked = /Marked ([\d.]+), ([\d.]+)/.exec((await hint.textContent()) ?? '')!;
  await screenshot(desk.page, 'caller-location-marked');
  const setHere = panel().getByRole('button', { name: 'Set location here' });
  await setHere.focus();
  await desk.page.keyboard.press('Enter');
  await expect.poll(mapLabel, { timeout: 30_000 }).not.toBe(before);
  expect(await mapLabel()).toBe(`Map of the caller location, ${marked[1]}, ${marked[2]}`);
  await expect.poll(() => fixes().count(), { timeout: 30_000 }).toBe(3);
  const set = (await historyOf()).fixes.at(-1)!;
  expect(set.source).toBe('pin');
  // West of the dragged pin: the map moved left, so its centre did.
  expect(set.location!.point.lon).toBeLessThan(dragged.location!.point.lon);
  expect(await fixes().first().getByTestId('location-in-use').textContent()).toBe('in use: newest');
  await desk.endCall(caller);
});

it('records the address picked in the incident form as where the caller is, and says it is in use', async () => {
  const caller = await desk.takeCall('0907300003', 'carrier-caller-with-location-stays.xml', {
    from_host: 'carrier.example',
    asserted: 'sip:+84907300003@carrier.example;user=phone',
    privacy: 'none',
    location: `<gs:Circle ${CRS2}><gml:pos>10.79 106.68</gml:pos><gs:radius ${M}>1500</gs:radius></gs:Circle>`,
    method: 'Cell',
    stamp: new Date(Date.now() - 5 * 60_000).toISOString(),
  });
  const address = desk.page.getByRole('combobox', { name: /^Address/ });
  await address.focus();
  await desk.page.keyboard.type('Ben Thanh');
  await desk.page
    .getByRole('option', { name: /Chợ Bến Thành/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await desk.page.keyboard.press('Enter');
  expect(await address.inputValue()).toContain('Chợ Bến Thành');
  // Beside "Place by hand", after the note: Tab still goes from the address to the note.
  await desk.page.keyboard.press('Tab');
  expect(await desk.page.locator('#incident-note').evaluate((el) => el === document.activeElement)).toBe(
    true,
  );
  await desk.page.getByRole('button', { name: 'The caller is here' }).focus();
  await desk.page.keyboard.press('Enter');
  const recorded = desk.page.locator('.incident-form [data-testid="location-recorded"]');
  await recorded.waitFor({ timeout: 30_000 });
  expect(await recorded.textContent()).toContain('(typed by the call-taker). It is now the location in use.');
  await whereLine().filter({ hasText: 'typed by the call-taker' }).waitFor({ timeout: 30_000 });
  expect(await whereLine().textContent()).toContain('accuracy unknown');
  await expect.poll(() => fixes().count(), { timeout: 30_000 }).toBe(2);
  expect(await fixes().first().textContent()).toContain('typed by the call-taker');
  expect(await fixes().first().getByTestId('location-in-use').textContent()).toBe('in use: newest');
  expect(await fixes().nth(1).textContent()).toContain('± 1500 m');
  const typed = (await historyOf()).fixes.at(-1)!;
  expect(typed).toMatchObject({ source: 'manual', location: { accuracyM: null } });
  // Chợ Bến Thành, about 10.772 N 106.698 E.
  expect(typed.location!.point.lat).toBeCloseTo(10.772, 2);
  expect(typed.location!.point.lon).toBeCloseTo(106.698, 2);
  await screenshot(desk.page, 'caller-location-typed');
  await desk.endCall(caller);
});
