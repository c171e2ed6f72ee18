// Every screen of the consoles, the crews' app and the citizens' pages in Chromium, checked by axe-core: no serious
// or critical accessibility violation (contrast, names, keyboard reach, landmarks), in English and Vietnamese.
import type { Incident } from '@hcm112/shared';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seriousViolations } from '../../src/harness/accessibility.ts';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { launchChromium, logInAs, newConsole } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';

const SCENE = { lat: 10.7728, lon: 106.6986 };

let system: RunningSystem;
let browser: Browser;
let dspApi: ApiClient;
/** An open fire at the market with one unit assigned, and a closed incident the history finds. */
let open: Incident;

beforeAll(async () => {
  system = await startSystem({ telephony: false });
  browser = await launchChromium();
  dspApi = await loginDemo(system.url, 'dsp1');
  const create = (type: string, subtype: string) =>
    dspApi.expectJson<{ incident: Incident }>(
      'POST',
      '/incidents',
      { type, subtype, location: { point: SCENE, address: 'Chợ Bến Thành, Quận 1' } },
      201,
    );
  open = (await create('fire', 'structure-fire')).incident;
  const { recommendations } = await dspApi.expectJson<{ recommendations: { unitId: string }[] }>(
    'GET',
    `/incidents/${open.id}/recommendations`,
  );
  await dspApi.expectJson('POST', `/incidents/${open.id}/assignments`, {
    unitIds: [recommendations[0]!.unitId],
  });
  const closed = (await create('traffic', 'motorbike-crash')).incident;
  await dspApi.expectJson('POST', `/incidents/${closed.id}/close`, {
    disposition: 'resolved',
    releaseUnitIds: [],
  });
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function check(page: Page, screen: string): Promise<void> {
  expect.soft(await seriousViolations(page), screen).toEqual([]);
}

it('finds no serious or critical violation on any screen', async () => {
  const { context, page } = await newConsole(browser, 'vi');
  await page.goto(system.url);
  await page.getByLabel('Tên đăng nhập').waitFor();
  await check(page, 'login');
  await context.close();

  const ct = await newConsole(browser, 'vi');
  await logInAs(ct.page, system.url, 'ct1', '#/calltaker');
  await ct.page.getByRole('heading', { level: 1 }).first().waitFor();
  await check(ct.page, 'call-taker console');
  await ct.context.close();

  const dsp = await newConsole(browser, 'vi');
  await logInAs(dsp.page, system.url, 'dsp1', '#/dispatch');
  await dsp.page.locator('.unit-board tr[data-callsign]').first().waitFor({ timeout: 30_000 });
  await check(dsp.page, 'dispatch console');
  await dsp.page.locator(`.incident-row[data-incident-id="${open.id}"]`).click();
  await dsp.page.locator('.rec-row').first().waitFor({ timeout: 30_000 });
  await dsp.page.locator('.camera-tile').first().waitFor({ timeout: 30_000 });
  await check(dsp.page, 'dispatch console, incident selected');
  await dsp.page.getByRole('button', { name: 'Lịch sử' }).click();
  await dsp.page.locator('section.history .history-row').first().waitFor({ timeout: 30_000 });
  await check(dsp.page, 'history');
  await dsp.page.keyboard.press('Escape');
  await dsp.page
    .locator('.unit-board tr[data-callsign]')
    .first()
    .getByRole('button', { name: /^(Ghép thiết bị|Pair device|Ghép thiết bị.*)$/ })
    .click();
  const code = ((await dsp.page.getByTestId('pairing-code').textContent()) ?? '').replace('-', '');
  await check(dsp.page, 'pairing dialog');
  await dsp.context.close();

  const crew = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const phone = await crew.newPage();
  await phone.goto(`${system.url}/crew/?pair=${code}`);
  await phone.getByRole('button').first().waitFor();
  await check(phone, 'crew app pairing');
  await phone.locator('form button[type="submit"]').tap();
  await phone.locator('.crew-callsign').waitFor({ timeout: 30_000 });
  await check(phone, 'crew app');
  await crew.close();

  const sup = await newConsole(browser, 'vi');
  await logInAs(sup.page, system.url, 'sup1', '#/wallboard');
  await sup.page.getByRole('heading', { level: 1 }).first().waitFor();
  await check(sup.page, 'wallboard');
  await sup.page.goto(`${system.url}/#/hospitals`);
  await sup.page.getByRole('heading', { level: 1 }).first().waitFor();
  await check(sup.page, 'hospitals');
  await sup.context.close();

  const admin = await newConsole(browser, 'en');
  await logInAs(admin.page, system.url, 'admin', '#/users');
  await admin.page.locator('tr[data-username="ct1"]').waitFor();
  await check(admin.page, 'users');
  await admin.page.goto(`${system.url}/#/cameras`);
  await admin.page.getByRole('heading', { name: 'Camera registry', level: 1 }).waitFor();
  await admin.page.locator('table tbody tr').first().waitFor({ timeout: 30_000 });
  await check(admin.page, 'camera registry');
  await admin.page.goto(`${system.url}/#/sources`);
  await admin.page.getByRole('heading', { name: 'Analytics sources', level: 1 }).waitFor();
  await admin.page.locator('table tbody tr').first().waitFor({ timeout: 30_000 });
  await check(admin.page, 'analytics sources');
  await admin.page.goto(`${system.url}/#/api`);
  await admin.page.locator('.swagger-ui .opblock-tag').first().waitFor({ timeout: 60_000 });
  await check(admin.page, 'API reference');
  await admin.page.locator('.swagger-ui .opblock-tag').first().click();
  await admin.page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
  await check(admin.page, 'API reference, a group open');
  await admin.context.close();
});

it("finds no serious or critical violation on the citizens' pages: the location link and text 112", async () => {
  // An answered call in ct1's hand, as call control records one, for the link to be sent from.
  const client = new pg.Client({ connectionString: system.database.url });
  await client.connect();
  let callId: string;
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO calls (sip_call_id, caller_number, dialed_number, service, state, arrived_at, answered_at,
                          agent_user_id)
       VALUES ('a11y-link', '+84908777666', '112', '112', 'answered', now(), now(),
               (SELECT id FROM users WHERE username = 'ct1'))
       RETURNING id`,
    );
    callId = rows[0]!.id;
  } finally {
    await client.end();
  }
  const ctApi = await loginDemo(system.url, 'ct1');
  const { link } = await ctApi.expectJson<{ link: { url: string } }>(
    'POST',
    `/calls/${callId}/caller-link`,
    { sms: false },
    201,
  );
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  const phone = await phoneContext.newPage();
  await phone.goto(link.url);
  await phone.getByRole('heading', { level: 1 }).first().waitFor();
  await check(phone, 'caller location link');
  await phone.goto(`${system.url}/text112/`);
  await phone.getByRole('heading', { level: 1 }).first().waitFor();
  await check(phone, 'text 112');
  await phone.getByLabel(/Chuyện gì đang xảy ra/).fill('Có người ngã xe máy trước nhà');
  await phone.getByRole('button', { name: 'Gửi cho 112' }).click();
  await phone.locator('#messages li.citizen').first().waitFor({ timeout: 30_000 });
  await check(phone, 'text 112, the conversation');
  await phoneContext.close();
});
