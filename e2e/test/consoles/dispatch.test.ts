// Two dispatchers at their consoles against a real server: an incident appears on the map, one assigns the
// recommended unit and the other sees the unit's status change; assigning a unit someone else just took shows
// the conflict with who holds it; stray keys send nothing, and a mistaken assignment is undone within 10 s.
import { existsSync } from 'node:fs';
import { loadConfig } from '@hcm112/server/config';
import { roadNetworkFile } from '@hcm112/server/roads/load';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { launchChromium, logInAs, newConsole, screenshot } from '../../src/harness/browser.ts';

let system: RunningSystem;
let api: ApiClient;
let browser: Browser;
let first: Page;
let second: Page;
/** The incident and unit the assignment test dispatched, for the route test after it. */
let dispatched: { incidentId: string; unitId: string; callsign: string } | undefined;

beforeAll(async () => {
  system = await startSystem({ telephony: false });
  api = await loginDemo(system.url, 'dsp1');
  browser = await launchChromium();
  first = (await newConsole(browser)).page;
  second = (await newConsole(browser)).page;
  await logInAs(first, system.url, 'dsp1', '#/dispatch');
  await logInAs(second, system.url, 'dsp2', '#/dispatch');
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function openFire(address: string, lat: number, lon: number): Promise<{ id: string; number: string }> {
  const { incident } = await api.expectJson<{ incident: { id: string; number: string } }>(
    'POST',
    '/incidents',
    { type: 'fire', subtype: 'structure-fire', location: { point: { lat, lon }, address } },
    201,
  );
  return incident;
}

/** A route handler that holds requests until two have arrived, then lets both go at once. */
function heldUntilBoth(): { route: (route: Route) => Promise<void>; released: Promise<void> } {
  const waiting: Route[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    released,
    route: async (route) => {
      waiting.push(route);
      if (waiting.length < 2) return;
      release();
      await Promise.all(waiting.map((r) => r.continue()));
    },
  };
}

function recommendation(page: Page, index: number) {
  return page.locator('.rec-row').nth(index);
}

it('draws the offline base map (ward or district outlines with their names, street tiles) with no tile server', async () => {
  await first.locator('.area-label', { hasText: 'Quận 1' }).first().waitFor({ timeout: 30_000 });
  expect(await first.locator('img.leaflet-tile').count()).toBe(0);
});

it('shows a new incident on the map and assigns its recommended unit; the second console sees the unit dispatched', async () => {
  const incident = await openFire('Chợ Bến Thành, Quận 1', 10.7725, 106.698);
  // Created by another console: it arrives over the socket, on the map and in the list.
  await first.locator(`.map-incident[data-incident-id="${incident.id}"]`).waitFor({ timeout: 30_000 });
  await first.locator(`.map-incident[data-incident-id="${incident.id}"]`).click();
  await expect
    .poll(() => first.locator('#detail-heading').textContent(), { timeout: 30_000 })
    .toContain(incident.number);
  await recommendation(first, 0).waitFor({ timeout: 30_000 });
  const unitId = await recommendation(first, 0).getAttribute('data-unit-id');
  const callsign = (await recommendation(first, 0).locator('strong').textContent()) ?? '';
  await screenshot(first, 'dispatch-incident-selected');

  await recommendation(first, 0)
    .getByRole('button', { name: /^Assign / })
    .click();
  await first.locator('output.ok-line').waitFor({ timeout: 30_000 });
  expect(await first.locator('output.ok-line').textContent()).toContain(callsign);

  // The other dispatcher did nothing: the unit board changes by itself.
  const row = second.locator(`.unit-board tr[data-unit-id="${unitId}"]`);
  await expect
    .poll(() => row.locator('.badge').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('dispatched');
  expect(await row.locator('.badge').textContent()).toContain('Dispatched');
  expect(await row.textContent()).toContain(incident.number);
  await screenshot(first, 'dispatch-assigned');
  await screenshot(second, 'dispatch-second-console');

  // The crew reports by radio: the first dispatcher sets the unit en route; the second sees it.
  await first
    .locator(`.unit-board tr[data-unit-id="${unitId}"]`)
    .getByLabel(`Set status of ${callsign}`)
    .selectOption('en-route');
  await expect
    .poll(() => row.locator('.badge').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('en-route');
  dispatched = { incidentId: incident.id, unitId: unitId ?? '', callsign };
});

it('draws the route of the unit on its way along the streets, with its ETA on the map and in the incident', async () => {
  if (!dispatched) throw new Error('the assignment test did not run');
  const { unitId, callsign } = dispatched;
  // One label per unit (a label being replaced fades out for 200 ms, so wait until only the new one is left).
  const labels = first.locator('.route-label', { hasText: callsign });
  await expect.poll(() => labels.count(), { timeout: 30_000 }).toBe(1);
  const label = labels.first();
  const eta = first.locator(`.incident-detail li[data-unit-id="${unitId}"] .route-eta`);
  await eta.waitFor({ timeout: 30_000 });
  // With the real streets (the data folder beside the checkout) the time is a route's; without, an estimate.
  const file = roadNetworkFile(loadConfig());
  const byRoad = Boolean(file && existsSync(file));
  expect(await eta.textContent()).toMatch(byRoad ? /^arrives in \d+ min \d\d s$/ : /estimated/);
  expect(await label.textContent()).toMatch(byRoad ? new RegExp(`^${callsign} · \\d+ min`) : /estimated/);
  const route = await api.expectJson<{
    routes: Array<{ unitId: string; estimated: boolean; path: unknown[] }>;
  }>('GET', `/incidents/${dispatched.incidentId}/routes`, undefined, 200);
  const mine = route.routes.find((r) => r.unitId === unitId);
  expect(mine?.estimated).toBe(!byRoad);
  if (byRoad) expect(mine?.path.length).toBeGreaterThan(5);
  // A second unit from further away: two routes, each with its own label.
  const { recommendations } = await api.expectJson<{
    recommendations: Array<{ unitId: string; callsign: string; roadMetres?: number }>;
  }>('GET', `/incidents/${dispatched.incidentId}/recommendations`);
  const far = recommendations.reduce((a, b) => ((b.roadMetres ?? 0) > (a.roadMetres ?? 0) ? b : a));
  await api.expectJson('POST', `/incidents/${dispatched.incidentId}/assignments`, { unitIds: [far.unitId] });
  await expect
    .poll(() => first.locator('.route-label', { hasText: far.callsign }).count(), { timeout: 30_000 })
    .toBe(1);
  // Closer in, around the incident, to see the routes follow the streets.
  const box = await first.locator(`.map-incident[data-incident-id="${dispatched.incidentId}"]`).boundingBox();
  if (box) {
    await first.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await first.mouse.wheel(0, -60);
    await first.waitForTimeout(800);
  }
  await screenshot(first, 'dispatch-route');
});

it('shows clearly that a unit was taken by another dispatcher (409) and who holds it', async () => {
  const a = await openFire('Lê Lợi, Quận 1', 10.7745, 106.7005);
  const b = await openFire('Lê Lợi - Pasteur, Quận 1', 10.7748, 106.701);
  await first.locator(`.incident-row[data-incident-id="${a.id}"]`).click();
  await second.locator(`.incident-row[data-incident-id="${b.id}"]`).click();
  await recommendation(first, 0).waitFor({ timeout: 30_000 });
  const unitId = await recommendation(first, 0).getAttribute('data-unit-id');
  const callsign = (await recommendation(first, 0).locator('strong').textContent()) ?? '';
  const onSecond = second.locator(`.rec-row[data-unit-id="${unitId}"]`);
  await onSecond.waitFor({ timeout: 30_000 });

  // Both dispatchers take the same unit at the same moment: the first by Alt+1, the second by click. Each
  // console's request is held until both have sent theirs, so the two reach the server together; left free,
  // the first could land before the click and take the unit off the second's list under the pointer.
  const assignments = '**/incidents/*/assignments';
  const held = heldUntilBoth();
  await first.route(assignments, held.route);
  await second.route(assignments, held.route);
  await Promise.all([
    first.keyboard.press('Alt+1'),
    onSecond.getByRole('button', { name: `Assign ${callsign}` }).click(),
  ]);
  await held.released;
  await first.unroute(assignments);
  await second.unroute(assignments);
  const outcome = async (page: Page) =>
    Promise.race([
      page
        .getByTestId('assign-conflict')
        .waitFor({ timeout: 30_000 })
        .then(() => 'conflict' as const),
      page
        .locator('output.ok-line')
        .waitFor({ timeout: 30_000 })
        .then(() => 'assigned' as const),
    ]);
  const [firstOutcome, secondOutcome] = await Promise.all([outcome(first), outcome(second)]);
  expect([firstOutcome, secondOutcome].sort()).toEqual(['assigned', 'conflict']);

  const loser = firstOutcome === 'conflict' ? first : second;
  const winnerIncident = firstOutcome === 'conflict' ? b : a;
  const conflict = loser.getByTestId('assign-conflict');
  const text = (await conflict.textContent()) ?? '';
  expect(text).toContain('Not assigned: conflict');
  expect(text).toContain(`${callsign} is already assigned to ${winnerIncident.number}`);
  await conflict.getByRole('button', { name: `Divert ${callsign} to this incident` }).waitFor();
  await screenshot(loser, 'dispatch-conflict-409');
});

it('sends nothing on stray keys, asks before assigning all, and undoes a mistaken assignment within 10 s', async () => {
  const incident = await openFire('Hàm Nghi, Quận 1', 10.7712, 106.7041);
  await first.locator(`.incident-row[data-incident-id="${incident.id}"]`).click();
  await recommendation(first, 1).waitFor({ timeout: 30_000 });
  const unitId = await recommendation(first, 0).getAttribute('data-unit-id');
  const callsign = (await recommendation(first, 0).locator('strong').textContent()) ?? '';
  const key = (await recommendation(first, 0).locator('.rec-key').textContent()) ?? '';
  expect(key).toBe('1');

  // Focus outside any field, the words of a note typed by mistake, and bare digits: nothing is dispatched.
  await first.locator('#detail-heading').click();
  await first.keyboard.type(' anh ay 12');
  expect(await first.locator('output.ok-line').count()).toBe(0);
  expect(await first.getByRole('alertdialog').count()).toBe(0);

  // "Assign all" names the units and waits; Escape leaves everything as it was.
  await first.keyboard.press('Alt+A');
  const dialog = first.getByRole('alertdialog');
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(callsign);
  await first.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await first.locator('output.ok-line').count()).toBe(0);

  await first.keyboard.press(`Alt+${key}`);
  await first.locator('output.ok-line', { hasText: callsign }).waitFor({ timeout: 30_000 });
  const row = second.locator(`.unit-board tr[data-unit-id="${unitId}"]`);
  await expect
    .poll(() => row.locator('.badge').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('dispatched');
  const undo = first.getByRole('button', { name: /^Undo \(\d+ s\)$/ });
  await undo.waitFor();
  await screenshot(first, 'dispatch-undo-offered');
  await undo.click();
  await first.locator('output.ok-line', { hasText: 'taken back' }).waitFor({ timeout: 30_000 });
  await expect
    .poll(() => row.locator('.badge').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('available');
  await screenshot(first, 'dispatch-undone');
});

it('shows "Reconnecting…" while the server is away and catches up without a reload when it returns', async () => {
  await first.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  await system.server.stop();
  await first.locator('output.conn[data-state="reconnecting"]').waitFor({ timeout: 60_000 });
  expect(await first.locator('output.conn').textContent()).toContain('Reconnecting');
  await screenshot(first, 'dispatch-reconnecting');

  await system.restartServer();
  await first.locator('output.conn[data-state="live"]').waitFor({ timeout: 90_000 });
  const incident = await openFire('Nguyễn Huệ, Quận 1', 10.7743, 106.7038);
  await first.locator(`.incident-row[data-incident-id="${incident.id}"]`).waitFor({ timeout: 30_000 });
  expect(await first.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});
