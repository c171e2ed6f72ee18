// Handing a caller on from the console softphone, against the whole system: Chromium with a 440 Hz headset, a SIPp
// citizen speaking 1 kHz, a SIPp "fire and rescue" (114) answering with 1.6 kHz, a SIPp "police" (113) that is busy,
// and a SIPp callee on the carrier trunk for callbacks. A busy agency leaves the caller with the call-taker with the
// reason on screen; the call-taker talks to 114 first, joins them with the caller (the agency hears the caller, the
// caller hears the agency, checked by frequency on loopback), withdraws (neither hears the call-taker), drops them;
// every leg is recorded. An abandoned caller is called back with one click and the callback is linked to the call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallLeg, CallRecording } from '@hcm112/shared';
import {
  captureRtp,
  dial,
  freeMediaPort,
  freePort,
  type SippRun,
  sipp,
  toneRatio,
  waitFor,
  writeTone,
} from '@hcm112/telephony/testing';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginDemo } from '../../src/harness/api-client.ts';
import { heardFrequency, screenshot } from '../../src/harness/browser.ts';
import { type SoftphoneConsole, startSoftphoneConsole } from '../../src/harness/softphone-console.ts';
import type { RunningSystem } from '../../src/harness/system.ts';

const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;
const AGENCY_HZ = 1600;
const CALLEE_HZ = 700;
const CALLER = '0909550100';
const ABANDONED = '0909550199';

let desk: SoftphoneConsole | undefined;
let system: RunningSystem;
let page: Page;
const peers: SippRun[] = [];
let dirs: Record<'caller' | 'agency' | 'callee', string>;
let firePort: number;
let policePort: number;
let trunkPort: number;

beforeAll(async () => {
  const dir = (name: string) => mkdtempSync(join(tmpdir(), `e112-handover-${name}-`));
  dirs = { caller: dir('caller'), agency: dir('agency'), callee: dir('callee') };
  await writeTone(dirs.caller, CALLER_HZ, 90);
  await writeTone(dirs.agency, AGENCY_HZ, 90);
  await writeTone(dirs.callee, CALLEE_HZ, 60);
  firePort = await freePort();
  policePort = await freePort();
  trunkPort = await freePort();
  desk = await startSoftphoneConsole({
    name: 'handover-headset',
    headsetHz: CALLTAKER_HZ,
    system: {
      env: {
        AGENCY_113_URI: `sip:113@127.0.0.1:${policePort}`,
        AGENCY_114_URI: `sip:114@127.0.0.1:${firePort}`,
        CALLBACK_TRUNK_URI: `sip:{number}@127.0.0.1:${trunkPort}`,
      },
    },
  });
  ({ system, page } = desk);
});

afterAll(async () => {
  for (const p of peers) p.stop();
  await desk?.stop();
  for (const d of Object.values(dirs ?? {})) rmSync(d, { recursive: true, force: true });
});

/** RTP payloads reaching `port` on loopback for `ms`. */
async function heardAt(port: number, ms = 2000): Promise<Buffer[]> {
  const capture = await captureRtp(`udp and dst port ${port}`);
  await page.waitForTimeout(ms);
  return (await capture.stop()).map((p) => p.payload);
}

async function query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
  const client = new pg.Client({ connectionString: system.database.adminUrl });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The call-taker's recordings index of a call: its own row (legId null) and one per call out. */
async function recordingsOf(callId: string): Promise<Pick<CallRecording, 'legId' | 'status' | 'reason'>[]> {
  const rows = await query<{ leg_id: string | null; status: string; reason: string | null }>(
    'SELECT leg_id, status, reason FROM call_recordings WHERE call_id = $1',
    [callId],
  );
  return rows.map((r) => ({
    legId: r.leg_id,
    status: r.status as CallRecording['status'],
    reason: r.reason as CallRecording['reason'],
  }));
}

async function callOf(caller: string): Promise<string> {
  // Recorded in E.164: +84 and the number without its trunk 0.
  const rows = await query<{ id: string }>('SELECT id FROM calls WHERE caller_number = $1', [
    caller.replace(/^0/, '+84'),
  ]);
  if (!rows[0]) throw new Error(`no call from ${caller}`);
  return rows[0].id;
}

it('calls an abandoned caller back with one click, recorded and linked to the abandoned call', async () => {
  const abandoned = dial(system.kamailio!, ABANDONED, { scenario: 'caller-abandons.xml' });
  await abandoned.ok();
  const row = page.locator('.abandoned-row').filter({ hasText: ABANDONED });
  await row.waitFor({ timeout: 30_000 });
  const calleeMedia = await freeMediaPort();
  const callee = sipp(
    'call-taker-answers-tone.xml',
    system.kamailio!.target,
    ['-p', String(trunkPort), '-m', '1', '-mi', '127.0.0.1', '-mp', String(calleeMedia)],
    { ext: ABANDONED },
    { cwd: dirs.callee },
  );
  peers.push(callee);
  await row.getByRole('button', { name: `Call back ${ABANDONED}` }).click();
  await page.getByText(`On the line with ${ABANDONED}`).waitFor({ timeout: 30_000 });
  await expect.poll(() => heardFrequency(page), { timeout: 30_000 }).toBeCloseTo(CALLEE_HZ, -2);
  expect(toneRatio(await heardAt(calleeMedia), CALLTAKER_HZ, CALLEE_HZ)).toBeGreaterThan(10);
  await screenshot(page, 'callback-on-the-line');
  await page.locator('.callback-line').getByRole('button', { name: 'Hang up' }).click();
  await callee.ok();
  // Answered: the callback is on the abandoned call, which leaves the list; the leg is recorded like any call.
  await row.waitFor({ state: 'detached', timeout: 30_000 });
  const sup = await loginDemo(system.url, 'sup1');
  const callId = await callOf(ABANDONED);
  const legs = await sup.expectJson<{ legs: CallLeg[] }>('GET', `/calls/${callId}/legs`);
  expect(legs.legs).toHaveLength(1);
  expect(legs.legs[0]).toMatchObject({ kind: 'callback', state: 'ended' });
  const recorded = await waitFor(
    async () => {
      const r = (await recordingsOf(callId)).find((x) => x.legId === legs.legs[0]!.id);
      return r;
    },
    'the callback recording',
    40_000,
  );
  expect(recorded.status).toBe('ready');
});

it('hands the caller on: a busy agency gives the caller back, 114 is joined, withdrawn from and dropped', async () => {
  await page.keyboard.press('Alt+R');
  await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
  const callerMedia = await freeMediaPort();
  const caller = dial(system.kamailio!, CALLER, {
    scenario: 'caller-talks-tone-until-hung-up.xml',
    args: ['-mi', '127.0.0.1', '-mp', String(callerMedia)],
    cwd: dirs.caller,
  });
  peers.push(caller);
  const panel = page.locator('.call-panel');
  await panel.getByRole('button', { name: /Answer/ }).waitFor({ timeout: 60_000 });
  await page.keyboard.press('Alt+A');
  await panel.getByRole('button', { name: /Mute/ }).waitFor({ timeout: 30_000 });
  await expect.poll(() => heardFrequency(page), { timeout: 30_000 }).toBeCloseTo(CALLER_HZ, -2);

  // 113 is busy: the reason is on screen and the caller is back with the call-taker.
  const police = sipp('call-taker-busy.xml', system.kamailio!.target, ['-p', String(policePort), '-m', '1'], {
    ext: '113',
  });
  peers.push(police);
  await panel.getByRole('button', { name: 'Call Police 113' }).click();
  await panel.getByRole('alert').filter({ hasText: 'Police 113 not reached (486 Busy Here)' }).waitFor({
    timeout: 30_000,
  });
  await police.ok();
  await screenshot(page, 'handover-agency-busy');
  await expect.poll(() => heardFrequency(page), { timeout: 30_000 }).toBeCloseTo(CALLER_HZ, -2);
  expect(await panel.getByRole('heading', { name: 'Call in hand' }).count()).toBe(1);

  // 114 answers: the call-taker talks to them first, the caller on hold.
  const agencyMedia = await freeMediaPort();
  const fire = sipp(
    'call-taker-answers-tone.xml',
    system.kamailio!.target,
    ['-p', String(firePort), '-m', '1', '-mi', '127.0.0.1', '-mp', String(agencyMedia)],
    { ext: '114' },
    { cwd: dirs.agency },
  );
  peers.push(fire);
  await panel.getByRole('button', { name: 'Call Fire & Rescue 114' }).click();
  await panel.getByText('Talking to Fire & Rescue 114: the caller is on hold').waitFor({ timeout: 30_000 });
  await expect.poll(() => heardFrequency(page), { timeout: 30_000 }).toBeCloseTo(AGENCY_HZ, -2);
  await screenshot(page, 'handover-talking-to-agency');

  // Joined: the agency hears the caller, the caller hears the agency (and both the call-taker).
  await panel.getByRole('button', { name: 'Join with the caller' }).click();
  await panel.getByText('Conference: the caller, Fire & Rescue 114 and you hear each other').waitFor();
  await page.waitForTimeout(500);
  const [atAgency, atCaller] = await Promise.all([heardAt(agencyMedia), heardAt(callerMedia)]);
  expect(toneRatio(atAgency, CALLER_HZ, AGENCY_HZ)).toBeGreaterThan(10);
  expect(toneRatio(atCaller, AGENCY_HZ, CALLER_HZ)).toBeGreaterThan(10);
  expect(toneRatio(atCaller, CALLTAKER_HZ, CALLER_HZ)).toBeGreaterThan(10);
  await screenshot(page, 'handover-conference');

  // Withdrawn: the two talk, neither hears the call-taker.
  await panel.getByRole('button', { name: 'Withdraw (mute me)' }).click();
  await panel.getByText('Withdrawn: Fire & Rescue 114 and the caller talk').waitFor();
  await page.waitForTimeout(500);
  const [agencyAlone, callerAlone] = await Promise.all([heardAt(agencyMedia), heardAt(callerMedia)]);
  expect(toneRatio(agencyAlone, CALLER_HZ, CALLTAKER_HZ)).toBeGreaterThan(10);
  expect(toneRatio(callerAlone, AGENCY_HZ, CALLTAKER_HZ)).toBeGreaterThan(10);
  await screenshot(page, 'handover-withdrawn');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await panel.getByText('Đã rút lui: Cứu hỏa - Cứu nạn 114 và người gọi nói chuyện').waitFor();
  await screenshot(page, 'handover-withdrawn-vi');
  await page.getByRole('button', { name: 'English' }).click();

  // Dropped: the caller is the call-taker's again.
  await panel.getByRole('button', { name: 'Drop Fire & Rescue 114' }).click();
  await fire.ok();
  await panel.getByRole('button', { name: 'Call Fire & Rescue 114' }).waitFor();
  await expect.poll(() => heardFrequency(page), { timeout: 30_000 }).toBeCloseTo(CALLER_HZ, -2);
  await page.keyboard.press('Alt+H');
  await caller.ok();

  // Every leg is on the call, and recorded: the call itself and the answered call out to 114.
  const callId = await panel.getAttribute('data-call-id');
  const sup = await loginDemo(system.url, 'sup1');
  const { legs } = await sup.expectJson<{ legs: CallLeg[] }>('GET', `/calls/${callId}/legs`);
  expect(legs.map((l) => [l.destinationKey, l.state])).toEqual([
    ['113', 'failed'],
    ['114', 'ended'],
  ]);
  expect(legs[1]?.joinedAt).not.toBeNull();
  const recordings = await waitFor(
    async () => {
      const r = await recordingsOf(callId!);
      return r.length >= 2 ? r : undefined;
    },
    'the recordings of the call and of the leg to 114',
    40_000,
  );
  expect(recordings.find((r) => r.legId === null)?.status).toBe('ready');
  expect(recordings.find((r) => r.legId === legs[1]!.id)?.status).toBe('ready');
});
