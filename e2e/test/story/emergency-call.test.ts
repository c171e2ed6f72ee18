// The whole story, with real peers and people's own screens: a citizen dials 112 from a phone that sends its
// location (SIPp); the call shows in the call-taker's browser, their SIPp phone answers and the incident is typed
// from the keyboard; the dispatcher's browser shows it with the recommended units and the cameras that see the
// place (one a live test stream, playing); the dispatcher assigns, the simulated crew drives there and its status
// reaches every console; the incident is closed, and the audit log and the EIDO export tell the same story.
import type { Call, Incident, Unit } from '@hcm112/shared';
import { type CameraSources, startCameraSources } from '@hcm112/server/testing/camera-sources';
import { type Phone, type SippRun, dial, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { auditAbout, missingFromStory } from '../../src/harness/audit-story.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { chooseDeskPhone, launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';

// Lê Lợi near Bến Thành market; the test camera stands 150 m south of it, looking north.
const SCENE = { lat: 10.7725, lon: 106.6985 };
const CALLER = '0909112233';
/** How the centre records the caller's number: E.164. */
const CALLER_E164 = '+84909112233';
const pidfPoint = `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${SCENE.lat} ${SCENE.lon}</gml:pos></gml:Point>`;

let system: RunningSystem;
let sources: CameraSources;
let phone: Phone;
let caller: SippRun;
let callTaker: ApiClient;
let dispatcher: ApiClient;
let supervisor: ApiClient;
let browser: Browser;
let callTakerPage: Page;
let dispatcherPage: Page;
let supervisorPage: Page;

beforeAll(async () => {
  system = await startSystem({ simulator: true, env: { SIMULATOR_SPEEDUP: '20' } });
  sources = await startCameraSources({ rtsp: ['story'] });
  const admin = await loginDemo(system.url, 'admin');
  await admin.expectJson(
    'POST',
    '/cameras',
    {
      code: 'CAM-STORY',
      name: 'Lê Lợi, facing Bến Thành',
      point: { lat: SCENE.lat - 0.00135, lon: SCENE.lon },
      bearingDeg: 0,
      fovDeg: 60,
      rangeM: 300,
      layer: 'mid',
      owner: 'transport',
      streamKind: 'rtsp',
      streamUrl: sources.urls.rtsp.story,
    },
    201,
  );
  callTaker = await loginDemo(system.url, 'ct1');
  dispatcher = await loginDemo(system.url, 'dsp1');
  supervisor = await loginDemo(system.url, 'sup1');
  browser = await launchChromium();
  callTakerPage = await openConsole(browser, system.url, 'ct1');
  await chooseDeskPhone(callTakerPage);
  dispatcherPage = await openConsole(browser, system.url, 'dsp1', { screen: '#/dispatch' });
  supervisorPage = await openConsole(browser, system.url, 'sup1', { screen: '#/dispatch' });
});

afterAll(async () => {
  await browser?.close();
  caller?.stop();
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await sources?.stop();
  await system?.stop();
});

/** The status a console's unit board shows for a unit. */
function boardStatus(page: Page, unitId: string) {
  return page.locator(`.unit-board tr[data-unit-id="${unitId}"] .badge`).getAttribute('data-status');
}

/** Says which step the story reached and when: a story that runs out of time shows in CI's log where it stood. */
function stepLogger() {
  const start = Date.now();
  return (step: string) => console.log(`story step ${step} at ${((Date.now() - start) / 1000).toFixed(1)} s`);
}

/** 'ended' once the call panel says the call ended; otherwise what its alerts say (a refused hang-up), or 'live'. */
async function callEndedOrWhy(page: Page): Promise<string> {
  const panel = page.locator('.call-panel');
  if ((await panel.getByRole('heading', { name: 'Call ended' }).count()) > 0) return 'ended';
  const alerts = (await panel.getByRole('alert').allTextContents()).join(' ').trim();
  return alerts || 'live';
}

it('takes a 112 call from dial tone to a closed incident, with the audit log and EIDO telling the story', async () => {
  const kamailio = system.kamailio!;
  const ct = callTakerPage;
  const dsp = dispatcherPage;
  const reached = stepLogger();

  // 1. The citizen dials; nobody is ready yet, so the call waits in the call-taker's queue.
  reached('1 dial');
  caller = dial(kamailio, CALLER, {
    scenario: 'caller-with-location-stays.xml',
    args: ['-timeout', '240s'],
    keys: { location: pidfPoint, note: 'story' },
  });
  await ct.locator('.queue-table tbody tr', { hasText: CALLER }).waitFor({ timeout: 60_000 });
  await screenshot(ct, 'story-1-queue');

  // 2. The call-taker goes ready; the ACD rings their SIPp desk phone, which answers: the form opens; they type.
  reached('2 answer and type');
  phone = await startPhone(kamailio, '1001', { calls: 1 });
  await ct.keyboard.press('Alt+R');
  const panel = ct.locator('.call-panel');
  await panel.getByTestId('caller-number').filter({ hasText: CALLER }).waitFor({ timeout: 60_000 });
  const type = ct.getByRole('combobox', { name: /^Type/ });
  await expect
    .poll(() => type.evaluate((el) => el === document.activeElement), { timeout: 30_000 })
    .toBe(true);
  await ct.keyboard.type('vehicle fire');
  await ct.getByRole('option', { name: /Vehicle fire/ }).waitFor();
  await ct.keyboard.press('Tab'); // priority from the type
  await ct.keyboard.press('Tab'); // address: left empty, the caller's location is used
  await ct.keyboard.press('Tab');
  await ct.keyboard.type('Car burning on Lê Lợi, driver out');
  await screenshot(ct, 'story-2-form');
  await ct.keyboard.press('Control+Enter');
  const outcome = ct.getByTestId('incident-outcome');
  await outcome.waitFor({ timeout: 30_000 });
  const number = (await outcome.textContent())?.match(/HCM-\d{4}-\d{6}/)?.[0];
  expect(number).toBeDefined();
  const { incidents } = await callTaker.expectJson<{ incidents: Incident[] }>(
    'GET',
    '/incidents?status=open',
  );
  const incident = incidents.find((i) => i.number === number)!;
  expect(incident).toMatchObject({ type: 'fire', subtype: 'vehicle-fire' });
  expect(incident.callerNumbers).toContain(CALLER_E164);
  expect(incident.location.point.lat).toBeCloseTo(SCENE.lat, 5);
  const call = (await callTaker.expectJson<{ calls: Call[] }>('GET', `/calls/recent?caller=${CALLER}`))
    .calls[0]!;
  expect(call).toMatchObject({ service: '112', incidentId: incident.id });
  await ct.keyboard.press('Alt+H');
  // The console shows the end once call control has reported it and the server recorded it, or says why not.
  await expect.poll(() => callEndedOrWhy(ct), { timeout: 60_000 }).toBe('ended');
  reached('2 call ended');
  await caller.ok(30_000);
  await phone.run.ok(30_000);

  // 3. The dispatcher's map shows it; selecting it lists recommended units and the cameras that see it, playing.
  reached('3 dispatch map');
  const marker = dsp.locator(`.map-incident[data-incident-id="${incident.id}"]`);
  await marker.waitFor({ timeout: 30_000 });
  await marker.click();
  await expect
    .poll(() => dsp.locator('#detail-heading').textContent(), { timeout: 30_000 })
    .toContain(number);
  const tile = dsp.locator('.camera-tile', { hasText: 'CAM-STORY' });
  await tile.waitFor({ timeout: 30_000 });
  if (await tile.locator('.feed-start').isVisible()) await tile.locator('.feed-start').click();
  const video = tile.locator('video[data-kind="hls"]');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime).catch(() => 0), { timeout: 60_000 })
    .toBeGreaterThan(0);
  const cameraId = (await tile.getAttribute('data-camera-id'))!;
  const first = dsp.locator('.rec-row').first();
  await first.waitFor({ timeout: 30_000 });
  const unitId = (await first.getAttribute('data-unit-id'))!;
  const callsign = (await first.locator('strong').textContent()) ?? '';
  const { unit: before } = await dispatcher.expectJson<{ unit: Unit }>('GET', `/units/${unitId}`);
  expect(before.kind).toBe('fire-engine');
  await screenshot(dsp, 'story-3-dispatch');

  // 4. One click assigns; the simulated crew rolls, drives and arrives; every console follows by itself.
  reached('4 assign');
  await first.getByRole('button', { name: /^Assign / }).click();
  await dsp.locator('output.ok-line').waitFor({ timeout: 30_000 });
  for (const page of [dsp, supervisorPage]) {
    await expect.poll(() => boardStatus(page, unitId), { timeout: 90_000 }).toBe('on-scene');
  }
  const { unit: arrived } = await dispatcher.expectJson<{ unit: Unit }>('GET', `/units/${unitId}`);
  // It drove there: it reports a position at the scene, where it was not before.
  const offScene = (u: Unit) =>
    Math.max(Math.abs(u.position!.point.lat - SCENE.lat), Math.abs(u.position!.point.lon - SCENE.lon));
  expect(offScene(before)).toBeGreaterThan(0.001);
  expect(offScene(arrived)).toBeLessThan(0.001);
  await screenshot(supervisorPage, 'story-4-on-scene');

  // 5. The dispatcher closes the incident with its outcome.
  reached('5 close');
  await dsp.getByRole('button', { name: 'Close incident…' }).click();
  await dsp.getByLabel('Outcome').selectOption('resolved');
  await dsp.getByLabel('Closing note (optional)').fill('fire out, car towed');
  await dsp.getByRole('button', { name: 'Close incident', exact: true }).click();
  // Closed, it leaves the open list and the map of every dispatcher.
  for (const page of [dsp, supervisorPage]) {
    await page
      .locator(`.incident-row[data-incident-id="${incident.id}"]`)
      .waitFor({ state: 'detached', timeout: 30_000 });
    await page
      .locator(`.map-incident[data-incident-id="${incident.id}"]`)
      .waitFor({ state: 'detached', timeout: 30_000 });
  }
  await screenshot(dsp, 'story-5-closed');
  const { incident: closed } = await dispatcher.expectJson<{ incident: Incident }>(
    'GET',
    `/incidents/${incident.id}`,
  );
  expect(closed).toMatchObject({ status: 'closed', disposition: 'resolved' });

  // 6. The audit log tells the story in order, and the EIDO export carries it to the agencies.
  reached('6 audit and EIDO');
  const story = await auditAbout(supervisor, [call.id, incident.id, unitId, cameraId]);
  const told = story.map((e) => `${e.action} by ${e.actorName}`);
  expect(
    missingFromStory(story, [
      { action: 'call.arrived', actor: 'telephony' },
      { action: 'call.offered', actor: 'telephony' },
      { action: 'call.answered', actor: 'telephony' },
      { action: 'incident.create', actor: 'ct1' },
      { action: 'call.hangup', actor: 'ct1' },
      { action: 'camera.view', actor: 'dsp1' },
      { action: 'incident.assign', actor: 'dsp1' },
      { action: 'unit.status', actor: callsign },
      { action: 'unit.status', actor: callsign },
      { action: 'incident.close', actor: 'dsp1' },
    ]),
    `the audit log told: ${told.join(', ')}`,
  ).toEqual([]);
  // The end of the call is recorded when call control reports the BYE, before or after the hang-up request is.
  expect(told).toContain('call.ended by telephony');

  const eido = await dispatcher.expectJson<Record<string, unknown>>('GET', `/incidents/${incident.id}/eido`);
  const text = JSON.stringify(eido);
  expect(text).toContain(incident.number);
  expect(text).toContain(CALLER_E164);
  expect(text).toContain(callsign);
});
