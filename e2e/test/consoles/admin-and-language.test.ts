// The consoles in Chromium against the whole system at 1366×768 and 1920×1080: the timeline the server writes is
// read in the console's language with people's display names (Vietnamese: "đã điều động", "Đang đến", not
// "dispatched … — dsp1"); the administrator creates a user (a refused field is named), edits and imports
// cameras, creates an analytics source and rotates its secret, each audited; every screen passes axe.
import type { AuditEntry, Incident, Recommendation } from '@hcm112/shared';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectAccessible } from '../../src/harness/accessibility.ts';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { launchChromium, logInAs, newConsole, openConsole } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { LAPTOP, screenshotBothSizes } from '../../src/harness/two-sizes.ts';

let system: RunningSystem;
let browser: Browser;
let admin: Page;
let adminApi: ApiClient;

beforeAll(async () => {
  system = await startSystem({ telephony: false });
  browser = await launchChromium();
  adminApi = await loginDemo(system.url, 'admin');
  admin = await openConsole(browser, system.url, 'admin', { screen: '#/users', viewport: LAPTOP });
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function audited(action: string): Promise<AuditEntry[]> {
  const { entries } = await adminApi.expectJson<{ entries: AuditEntry[] }>('GET', `/audit?action=${action}`);
  return entries;
}

it('shows the timeline in Vietnamese with display names and priorities as "UT"', async () => {
  const ct = await loginDemo(system.url, 'ct1');
  const dsp = await loginDemo(system.url, 'dsp1');
  const { incident } = await ct.expectJson<{ incident: Incident }>(
    'POST',
    '/incidents',
    {
      type: 'fire',
      subtype: 'structure-fire',
      priority: 9,
      location: { point: { lat: 10.7769, lon: 106.7009 }, address: '45 Lê Thánh Tôn' },
    },
    201,
  );
  const { recommendations } = await dsp.expectJson<{ recommendations: Recommendation[] }>(
    'GET',
    `/incidents/${incident.id}/recommendations`,
  );
  const { unitId, callsign } = recommendations[0]!;
  await dsp.expectJson('POST', `/incidents/${incident.id}/assignments`, { unitIds: [unitId] });
  await dsp.expectJson('POST', `/units/${unitId}/status`, { status: 'en-route' });

  const page = await openConsole(browser, system.url, 'dsp1', {
    screen: '#/dispatch',
    viewport: LAPTOP,
    lang: 'vi',
  });
  await page.locator(`.incident-row[data-incident-id="${incident.id}"]`).click();
  const timeline = page.locator('.timeline');
  await timeline.getByText(`đã điều động ${callsign}`).waitFor({ timeout: 30_000 });
  const text = (await timeline.textContent()) ?? '';
  expect(text).toContain(`${callsign}: Đã điều động → Đang đến`);
  expect(text).toContain('Phạm Quốc Bảo');
  expect(text).not.toContain('dsp1');
  expect(text).not.toMatch(/dispatched|en-route/);
  expect(await page.locator(`.incident-row[data-incident-id="${incident.id}"]`).textContent()).toContain(
    'UT 9',
  );
  await expectAccessible(page, 'dispatch console with an incident (vi)');
  await screenshotBothSizes(page, 'timeline-vi', () => timeline.scrollIntoViewIfNeeded());
  await page.context().close();
});

it('creates a user, naming the field the server refused, and the new user signs in', async () => {
  await admin.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'New user' }) });
  await form.getByLabel('Username').fill('Bad Name');
  await form.getByLabel('Name', { exact: true }).fill('Hồ Thị Mai');
  await form.getByLabel('Role').selectOption('dispatcher');
  await form.getByLabel(/First password/).fill('a-long-enough-password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await form.locator('#new-user-username-error').waitFor({ timeout: 30_000 });
  await form.getByLabel('Username').fill('dsp9');
  await form.getByRole('button', { name: 'Create user' }).click();
  await admin.getByRole('status').getByText('dsp9 can now sign in.').waitFor({ timeout: 30_000 });
  expect(await admin.locator('tr[data-username="dsp9"] td').nth(1).textContent()).toBe('Hồ Thị Mai');
  expect((await audited('user.create')).some((e) => JSON.stringify(e.after).includes('dsp9'))).toBe(true);
  await expectAccessible(admin, 'users');
  await screenshotBothSizes(admin, 'admin-users');

  const { page } = await newConsole(browser, 'en', LAPTOP);
  await logInAs(page, system.url, 'dsp9', '#/dispatch', 'a-long-enough-password');
  expect(await page.getByTestId('current-user').textContent()).toContain('Hồ Thị Mai');
  await page.context().close();
});

it('edits a camera and imports a CSV file of cameras, listing the refused row', async () => {
  await admin.goto(`${system.url}/#/cameras`);
  await admin.getByRole('heading', { name: 'Camera registry', level: 1 }).waitFor();
  const first = admin.locator('tr[data-code]').first();
  await first.waitFor({ timeout: 30_000 });
  const code = (await first.getAttribute('data-code'))!;
  await admin.getByLabel('Find by code, name or ward').fill(code);
  await admin
    .locator(`tr[data-code="${code}"]`)
    .getByRole('button', { name: `Edit ${code}` })
    .click();
  const edit = admin.locator('form', { has: admin.getByRole('heading', { name: `Edit camera ${code}` }) });
  await edit.getByLabel('Bearing (°)').fill('400');
  await edit.getByRole('button', { name: 'Save camera' }).click();
  await edit.locator('#camera-bearingDeg-error').waitFor({ timeout: 30_000 });
  await edit.getByLabel('Bearing (°)').fill('135');
  await edit.getByLabel('Name').fill('Ngã tư Lê Lợi – Nam Kỳ Khởi Nghĩa');
  await edit.getByRole('button', { name: 'Save camera' }).click();
  await admin.getByRole('status').getByText(`Camera ${code} saved.`).waitFor({ timeout: 30_000 });
  await expect
    .poll(() => admin.locator(`tr[data-code="${code}"]`).textContent(), { timeout: 30_000 })
    .toContain('135°');
  expect(await audited('camera.update')).not.toHaveLength(0);

  const dir = mkdtempSync(join(tmpdir(), 'cameras-'));
  const file = join(dir, 'cameras.csv');
  writeFileSync(
    file,
    'code,name,lat,lon,bearing,fov,range\nIMP-001,Cầu Khánh Hội,10.7675,106.7055,90,60,150\nIMP-002,Bad row,200,106.7,90,60,150\n',
  );
  await admin.getByLabel('File', { exact: true }).setInputFiles(file);
  await admin.getByRole('button', { name: 'Import', exact: true }).click();
  const result = admin.getByRole('status').filter({ hasText: 'cameras imported' });
  await result.waitFor({ timeout: 30_000 });
  expect(await result.textContent()).toContain('1 new');
  expect(await result.textContent()).toContain('Row 3 (IMP-002)');
  await admin.getByLabel('Find by code, name or ward').fill('IMP-');
  await admin.locator('tr[data-code="IMP-001"]').waitFor();
  await expectAccessible(admin, 'camera registry');
  await screenshotBothSizes(admin, 'admin-cameras');
});

it('creates an analytics source, shows its secret once and rotates it, audited', async () => {
  await admin.goto(`${system.url}/#/sources`);
  await admin.getByRole('heading', { name: 'Analytics sources', level: 1 }).waitFor();
  await admin.getByLabel('Name').fill('Has Spaces');
  await admin.getByRole('button', { name: 'Create source' }).click();
  await admin.locator('#new-source-name-error').waitFor({ timeout: 30_000 });
  await admin.getByLabel('Name').fill('vms-quan1');
  await admin.getByRole('button', { name: 'Create source' }).click();
  const secret = admin.getByTestId('source-secret').locator('code');
  await secret.waitFor({ timeout: 30_000 });
  const first = await secret.textContent();
  await admin.locator('tr[data-source="vms-quan1"]').getByRole('button', { name: 'New secret' }).click();
  await expect.poll(() => secret.textContent(), { timeout: 30_000 }).not.toBe(first);
  const updates = await audited('alert-source.update');
  expect(updates.some((e) => JSON.stringify(e.after).includes('"secretRotated":true'))).toBe(true);
  expect(JSON.stringify(updates)).not.toContain(first!);
  await expectAccessible(admin, 'analytics sources');
  await screenshotBothSizes(admin, 'admin-sources');
});
