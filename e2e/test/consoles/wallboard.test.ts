// The supervisor wallboard against the whole system: after an abandoned call, an answered call and a new
// incident, every figure on the wall is the one the API gives (GET /calls/stats, /incidents, /units).
import type { CallStats, Incident, Unit } from '@hcm112/shared';
import { dial, startPhone, unregisterPhones, waitFor } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';

let system: RunningSystem;
let browser: Browser;
let wall: Page;
let supervisor: ApiClient;
let callTaker: ApiClient;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
  supervisor = await loginDemo(system.url, 'sup1');
  callTaker = await loginDemo(system.url, 'ct1');
  wall = await openConsole(browser, system.url, 'sup1', {
    screen: '#/wallboard',
    viewport: { width: 1920, height: 1080 },
  });
});

afterAll(async () => {
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await browser?.close();
  await system?.stop();
});

/** What the wall shows in each figure, by its id. */
async function wallFigures(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-figure]', (tiles) =>
    Object.fromEntries(
      tiles.map((t) => [t.getAttribute('data-figure'), t.querySelector('.wb-number')?.textContent ?? '']),
    ),
  );
}

function shareText(share: number | null): string {
  return share === null ? '—' : `${Math.floor(share * 100 + 1e-9)} %`;
}

/** The figures the API gives now, in the wall's words. */
async function apiFigures(): Promise<Record<string, string>> {
  const stats = await supervisor.expectJson<CallStats>('GET', '/calls/stats');
  const { incidents } = await supervisor.expectJson<{ incidents: Incident[] }>(
    'GET',
    '/incidents?status=open',
  );
  const { units } = await supervisor.expectJson<{ units: Unit[] }>('GET', '/units');
  const band = (lo: number, hi: number) =>
    String(incidents.filter((i) => i.priority >= lo && i.priority <= hi).length);
  const figures: Record<string, string> = {
    waiting: String(stats.waiting),
    'within-15s': shareText(stats.answeredWithin15sShare),
    'within-20s': shareText(stats.answeredWithin20sShare),
    answered: String(stats.answeredToday),
    abandoned: String(stats.abandonedToday),
    'not-recorded': String(stats.notRecordedToday),
    overflowed: String(stats.overflowedToday),
    refused: String(stats.refusedToday),
    'incidents-critical': band(8, 10),
    'incidents-high': band(5, 7),
    'incidents-routine': band(0, 4),
  };
  for (const state of ['ready', 'ringing', 'on-call', 'wrap-up', 'not-ready', 'offline'] as const)
    figures[`agent-${state}`] = String(stats.callTakers[state] ?? 0);
  for (const u of units)
    figures[`units-${u.status}`] = String(units.filter((x) => x.status === u.status).length);
  return figures;
}

it('shows the same figures as the API after calls and an incident', async () => {
  const kamailio = system.kamailio!;
  // Nobody ready: this caller gives up after 2 s of ringing.
  await dial(kamailio, '0912333444', { scenario: 'caller-abandons.xml', args: ['-d', '2000'] }).ok();
  // ct1 goes ready with a phone that answers; the next caller is answered and hangs up.
  const phone = await startPhone(kamailio, '1001', { calls: 1 });
  await callTaker.expectJson('POST', '/calltakers/me/ready', { ready: true });
  await dial(kamailio, '0912555666').ok();
  await phone.run.ok();
  await callTaker.expectJson(
    'POST',
    '/incidents',
    { type: 'medical', subtype: 'cardiac-arrest', location: { point: { lat: 10.7769, lon: 106.7009 } } },
    201,
  );

  let shown: Record<string, string> = {};
  let expected: Record<string, string> = {};
  await waitFor(
    async () => {
      expected = await apiFigures();
      shown = await wallFigures(wall);
      return Object.entries(expected).every(([id, value]) => shown[id] === value);
    },
    'the wallboard to show the API figures',
    60_000,
  ).catch(() => {});
  expect(Object.fromEntries(Object.keys(expected).map((id) => [id, shown[id]]))).toEqual(expected);
  expect(expected.abandoned).toBe('1');
  expect(expected.answered).toBe('1');
  expect(expected['incidents-critical']).toBe('1');
  await screenshot(wall, 'wallboard');
  await wall.getByRole('button', { name: 'Tiếng Việt' }).click();
  await wall.getByRole('heading', { name: 'Bảng giám sát' }).waitFor();
  await screenshot(wall, 'wallboard-vi');
});

it('says so while the media relay is down, and stops saying it once it answers again', async () => {
  const relay = system.kamailio?.rtpengine;
  if (!relay) throw new Error('the system runs without its media relay');
  // In either language the wall may be in by now.
  const banner = wall
    .getByRole('alert')
    .filter({ hasText: /No media relay|Mất máy chủ chuyển tiếp âm thanh/ });
  expect(await banner.count()).toBe(0);
  await relay.stop();
  try {
    await banner.waitFor({ timeout: 30_000 });
    await screenshot(wall, 'wallboard-no-media-relay');
  } finally {
    await relay.start();
  }
  await banner.waitFor({ state: 'detached', timeout: 30_000 });
});
