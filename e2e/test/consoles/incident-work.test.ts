// The dispatch console working incidents against the whole system at 1366×768: an incident left without a unit
// is flagged on the list and the wallboard with an alarm; an incident is edited (type, priority, caller, place
// put by map click, coordinates and landmark); closing releases only the units ticked, the others clear one by
// one; the history finds closed incidents by number, caller number, type and time, and one is reopened. A unit
// parked at its station is not flagged "lost position"; a dispatched one that stopped reporting is.
import type { AuditEntry, Incident, Recommendation, Unit } from '@hcm112/shared';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { launchChromium, openConsole } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { LAPTOP, screenshotBothSizes } from '../../src/harness/two-sizes.ts';

let system: RunningSystem;
let dsp: ApiClient;
let ct: ApiClient;
let sup: ApiClient;
let browser: Browser;
let page: Page;
let wall: Page;

beforeAll(async () => {
  // Priority 9 and up is flagged 3 s after opening with no unit, everything else after an hour; a unit that
  // should report and sent nothing for 5 s has lost its position.
  system = await startSystem({
    telephony: false,
    env: { ESCALATE_UNASSIGNED: '9:3,0:3600', AVL_STALE_SECONDS: '5' },
  });
  dsp = await loginDemo(system.url, 'dsp1');
  ct = await loginDemo(system.url, 'ct1');
  sup = await loginDemo(system.url, 'sup1');
  browser = await launchChromium();
  page = await openConsole(browser, system.url, 'dsp1', { screen: '#/dispatch', viewport: LAPTOP });
  wall = await openConsole(browser, system.url, 'sup1', { screen: '#/wallboard', viewport: LAPTOP });
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function open(body: object): Promise<Incident> {
  return (await ct.expectJson<{ incident: Incident }>('POST', '/incidents', body, 201)).incident;
}

async function select(incident: Incident): Promise<void> {
  await page.locator(`.incident-row[data-incident-id="${incident.id}"]`).click();
  await page.locator('#detail-heading', { hasText: incident.number }).waitFor({ timeout: 30_000 });
}

async function assign(incident: Incident, n: number): Promise<Recommendation[]> {
  const { recommendations } = await dsp.expectJson<{ recommendations: Recommendation[] }>(
    'GET',
    `/incidents/${incident.id}/recommendations`,
  );
  const chosen = recommendations.slice(0, n);
  await dsp.expectJson('POST', `/incidents/${incident.id}/assignments`, {
    unitIds: chosen.map((r) => r.unitId),
  });
  return chosen;
}

const unitRow = (unitId: string) => page.locator(`.unit-board tr[data-unit-id="${unitId}"]`);

it('flags an incident with no unit past its time on the list and the wallboard, with an alarm', async () => {
  const fire = await open({
    type: 'fire',
    subtype: 'structure-fire',
    location: { point: { lat: 10.7769, lon: 106.7009 }, address: 'Nhà hát Thành phố, Quận 1' },
  });
  const row = page.locator(`.incident-row[data-incident-id="${fire.id}"]`);
  await row.getByTestId('escalation-flag').waitFor({ timeout: 30_000 });
  expect(await row.getAttribute('class')).toContain('escalated');
  expect(await page.getByRole('alert').filter({ hasText: 'without a unit past the limit' }).count()).toBe(1);
  await expect
    .poll(async () => Number(await page.locator('.incident-list').getAttribute('data-escalation-alarms')))
    .toBeGreaterThan(0);
  const onWall = wall.locator(`.wb-escalated-row[data-incident-id="${fire.id}"]`);
  await onWall.waitFor({ timeout: 30_000 });
  expect(await onWall.textContent()).toContain(fire.number);
  expect(Number(await wall.locator('.wb-escalated').getAttribute('data-escalation-alarms'))).toBeGreaterThan(
    0,
  );
  await screenshotBothSizes(page, 'dispatch-escalated');
  await screenshotBothSizes(wall, 'wallboard-escalated');

  // A unit is sent: the flag goes from both screens.
  await assign(fire, 1);
  await row.getByTestId('escalation-flag').waitFor({ state: 'detached', timeout: 30_000 });
  await onWall.waitFor({ state: 'detached', timeout: 30_000 });
});

it('edits type, priority, caller and the place (map click, coordinates, landmark); the recommendations follow', async () => {
  const incident = await open({
    type: 'medical',
    subtype: 'stroke',
    location: { point: { lat: 10.8387, lon: 106.6653 }, address: '5 Quang Trung, Gò Vấp' },
  });
  await select(incident);
  const before = (
    await dsp.expectJson<{ cameras: { cameraId: string }[] }>('GET', `/incidents/${incident.id}/cameras`)
  ).cameras
    .map((c) => c.cameraId)
    .sort();
  await page.getByRole('button', { name: 'Edit incident…' }).click();
  const form = page.locator('form.edit-incident');
  await form.getByLabel('Type').selectOption('fire/structure-fire');
  await form.getByLabel(/^Priority/).fill('10');
  await form.getByLabel('Caller name').fill('Nguyễn Văn An');
  await form.getByLabel('Callback number').fill('0901 234 567');
  await form.getByRole('radio', { name: 'Place by hand' }).check();
  const chosen = form.getByTestId('place-chosen');

  // A click on the map puts the pin there and names the place.
  await form.locator('.place-map').click({ position: { x: 60, y: 60 } });
  await expect.poll(() => chosen.textContent(), { timeout: 30_000 }).toMatch(/^Pin at /);
  // Coordinates typed in move the pin.
  await form.getByLabel('Latitude').fill('10.7626');
  await form.getByLabel('Longitude').fill('106.6822');
  await form.getByRole('button', { name: 'Go to coordinates' }).click();
  await expect.poll(() => chosen.textContent(), { timeout: 30_000 }).toMatch(/^Pin at /);
  await form.getByLabel('Latitude').fill('99');
  await form.getByRole('button', { name: 'Go to coordinates' }).click();
  await form.getByRole('alert').filter({ hasText: 'inside Ho Chi Minh City' }).waitFor();
  // A landmark from the city's list: the market.
  const landmark = form.getByLabel('Landmark or hospital');
  const market = await landmark.locator('option', { hasText: 'Chợ Bến Thành' }).first().getAttribute('value');
  await landmark.selectOption(market!);
  await expect.poll(() => chosen.textContent()).toContain('Chợ Bến Thành');
  const picker = form.getByTestId('place-picker');
  await screenshotBothSizes(page, 'dispatch-edit-incident', () => picker.scrollIntoViewIfNeeded());

  await form.getByRole('button', { name: 'Save changes' }).click();
  await page
    .locator('output.ok-line', { hasText: `${incident.number} updated` })
    .waitFor({ timeout: 30_000 });
  await page.locator('#detail-heading', { hasText: 'Structure fire' }).waitFor();
  expect(await page.locator('.detail-addr').textContent()).toContain('Chợ Bến Thành');
  expect(await page.locator('.incident-detail').textContent()).toContain('Nguyễn Văn An');
  // The recommendations are asked again for a fire at the market: fire engines of District 1 first.
  await expect
    .poll(() => page.locator('.rec-row').first().locator('strong').textContent(), { timeout: 30_000 })
    .toMatch(/^CH-Q1-/);
  // The cameras follow the place: the panel shows the cameras that can see the market, not those of Gò Vấp.
  const camerasAt = async () =>
    (
      await dsp.expectJson<{ cameras: { cameraId: string }[] }>('GET', `/incidents/${incident.id}/cameras`)
    ).cameras
      .map((c) => c.cameraId)
      .sort();
  await expect.poll(camerasAt, { timeout: 30_000 }).not.toEqual(before);
  const after = await camerasAt();
  await expect
    .poll(
      async () =>
        (
          await page
            .locator('.camera-panel .camera-tile')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-camera-id')))
        ).sort(),
      { timeout: 30_000 },
    )
    .toEqual(after);
  const { incident: stored } = await dsp.expectJson<{ incident: Incident }>(
    'GET',
    `/incidents/${incident.id}`,
  );
  expect(stored).toMatchObject({ type: 'fire', priority: 10, callerName: 'Nguyễn Văn An' });
  expect(stored.location.point).toEqual(expect.objectContaining({ lat: expect.closeTo(10.7725, 2) }));
  expect(stored.notes.some((n) => n.kind === 'location')).toBe(true);
});

it('closes releasing only the units ticked; the other keeps working until it clears', async () => {
  const incident = await open({
    type: 'fire',
    subtype: 'structure-fire',
    location: { point: { lat: 10.7626, lon: 106.6822 }, address: 'Nguyễn Trãi, Quận 5' },
  });
  // The fire's plan: two engines, a ladder and an ambulance; the ambulance leaves with a patient.
  const sent = await assign(incident, 4);
  const kept = sent.find((r) => r.kind.startsWith('ambulance'));
  const freed = sent.find((r) => r.kind === 'fire-engine');
  await dsp.expectJson('POST', `/units/${kept!.unitId}/status`, { status: 'en-route' });
  await dsp.expectJson('POST', `/units/${kept!.unitId}/status`, { status: 'on-scene' });
  await dsp.expectJson('POST', `/units/${kept!.unitId}/status`, { status: 'transporting' });
  await select(incident);
  // The dispatched unit that never reported since it left is flagged; a unit parked at its station is not.
  await expect
    .poll(() => unitRow(freed!.unitId).textContent(), { timeout: 30_000 })
    .toContain('lost position');
  const { units } = await dsp.expectJson<{ units: Unit[] }>('GET', '/units');
  const parked = units.find((u) => u.status === 'available' && u.stationId)!;
  expect(await unitRow(parked.id).textContent()).not.toContain('lost position');

  await page.getByRole('button', { name: 'Close incident…' }).click();
  const form = page.locator('form.close-incident');
  await form.getByLabel('Outcome').selectOption('patient-transported');
  // The unit carrying a patient is not ticked; the one standing by is.
  const freedBox = form.locator(`.release-unit[data-unit-id="${freed!.unitId}"] input`);
  const keptBox = form.locator(`.release-unit[data-unit-id="${kept!.unitId}"] input`);
  expect(await freedBox.isChecked()).toBe(true);
  expect(await keptBox.isChecked()).toBe(false);
  expect(await form.textContent()).toContain('keeps working');
  await form.scrollIntoViewIfNeeded();
  await screenshotBothSizes(page, 'dispatch-close-release', () => form.scrollIntoViewIfNeeded());
  await form.getByRole('button', { name: 'Close incident' }).click();
  // Closed, it leaves the open list.
  await page
    .locator(`.incident-row[data-incident-id="${incident.id}"]`)
    .waitFor({ state: 'detached', timeout: 30_000 });

  await expect
    .poll(() => unitRow(freed!.unitId).locator('.badge').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('available');
  expect(await unitRow(kept!.unitId).locator('.badge').getAttribute('data-status')).toBe('transporting');
  expect(await unitRow(kept!.unitId).textContent()).toContain(`still at closed ${incident.number}`);
  await unitRow(kept!.unitId).scrollIntoViewIfNeeded();
  await screenshotBothSizes(page, 'dispatch-unit-still-working', () =>
    unitRow(kept!.unitId).scrollIntoViewIfNeeded(),
  );

  // The crew reports at the hospital, then free: only then is the unit available.
  const select2 = unitRow(kept!.unitId).getByLabel(`Set status of ${kept!.callsign}`);
  await select2.selectOption('at-hospital');
  await expect
    .poll(() => unitRow(kept!.unitId).locator('.badge').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('at-hospital');
  await unitRow(kept!.unitId).getByLabel(`Set status of ${kept!.callsign}`).selectOption('available');
  await expect
    .poll(() => unitRow(kept!.unitId).locator('.badge').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('available');
});

it('finds closed incidents by number, caller number, type and time, and reopens one (audited)', async () => {
  const incident = await open({
    type: 'traffic',
    subtype: 'collision-injury',
    location: { point: { lat: 10.801, lon: 106.714 }, address: 'Cầu Sài Gòn, Bình Thạnh' },
  });
  const client = new pg.Client({ connectionString: system.database.url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO calls (sip_call_id, caller_number, dialed_number, service, state, arrived_at, incident_id)
       VALUES ($1, '0977555123', '112', '112', 'ended', now(), $2)`,
      [`history-${incident.id}`, incident.id],
    );
  } finally {
    await client.end();
  }
  await dsp.expectJson('POST', `/incidents/${incident.id}/close`, {
    disposition: 'resolved',
    releaseUnitIds: [],
  });

  await page.getByRole('button', { name: 'History' }).click();
  const history = page.locator('section.history');
  await history.waitFor();
  const row = history.locator(`.history-row[data-incident-id="${incident.id}"]`);
  // The latest closed incidents show at once.
  await row.waitFor({ timeout: 30_000 });
  await history.getByLabel('Number, address or caller number').fill('555123');
  await history.getByLabel('Type').selectOption('traffic');
  // An hour ago in the browser's own time zone, written dd/mm/yyyy hh:mm; a date that is not one is refused.
  await history.getByLabel('From').fill('31/02/2026');
  await history.getByRole('alert').filter({ hasText: 'dd/mm/yyyy' }).waitFor();
  const hourAgo = await page.evaluate(() => {
    const d = new Date(Date.now() - 3_600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
  });
  await history.getByLabel('From').fill(hourAgo);
  await history.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => history.locator('.history-row').count(), { timeout: 30_000 }).toBe(1);
  expect(await row.textContent()).toContain('0977555123');
  await history.getByLabel('Type').selectOption('fire');
  await history.getByRole('button', { name: 'Search' }).click();
  await history.getByText('No incident matches.').waitFor({ timeout: 30_000 });
  await history.getByLabel('Type').selectOption('');
  await history.getByLabel('Number, address or caller number').fill(incident.number);
  await history.getByRole('button', { name: 'Search' }).click();
  await row.waitFor({ timeout: 30_000 });
  await screenshotBothSizes(page, 'dispatch-history');

  await row.getByRole('button', { name: 'Reopen…' }).click();
  await row.getByLabel('Why is it reopened?').fill('Caller rang again: a second car is on fire');
  await row.getByRole('button', { name: `Reopen ${incident.number}` }).click();
  await page.locator('#detail-heading', { hasText: incident.number }).waitFor({ timeout: 30_000 });
  await page.locator(`.incident-row[data-incident-id="${incident.id}"]`).waitFor();
  expect(await page.locator('.timeline-panel').textContent()).toContain('a second car is on fire');
  const { entries } = await sup.expectJson<{ entries: AuditEntry[] }>(
    'GET',
    `/audit?targetType=incident&targetId=${incident.id}`,
  );
  expect(entries.find((e) => e.action === 'incident.reopen')?.actorName).toBe('dsp1');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Lịch sử' }).click();
  await page.locator('section.history').waitFor();
  await screenshotBothSizes(page, 'dispatch-history-vi');
  await page.getByRole('button', { name: 'English' }).click();
});
