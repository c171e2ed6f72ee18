// The console softphone against the whole system: Chromium with a fake headset playing 440 Hz registers the
// call-taker's extension over SIP over WebSocket with its short-lived credentials, a SIPp citizen streams a 1 kHz
// tone, Alt+A answers and opens the form, and each side hears the other's tone through rtpengine (checked by
// frequency: WebAudio in the page, decoded RTP on loopback at the caller). A console whose microphone is refused
// cannot go ready and says why.
import {
  captureRtp,
  decodePcmu,
  dial,
  freeMediaPort,
  type SippRun,
  toneRatio,
  writeTone,
} from '@hcm112/telephony/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningSystem } from '../../src/harness/system.ts';
import { heardFrequency, launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';
import { type SoftphoneConsole, startSoftphoneConsole } from '../../src/harness/softphone-console.ts';

const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;
const CALLER = '0909440100';

let desk: SoftphoneConsole | undefined;
let system: RunningSystem;
let page: Page;
let caller: SippRun | undefined;
let dir: string;

beforeAll(async () => {
  // The first test sees the registration happen.
  desk = await startSoftphoneConsole({ name: 'softphone', headsetHz: CALLTAKER_HZ, registered: false });
  ({ system, page, dir } = desk);
  await writeTone(dir, CALLER_HZ, 60);
});

afterAll(async () => {
  caller?.stop();
  await desk?.stop();
});

it('registers the softphone with short-lived credentials and lets the call-taker go ready', async () => {
  await page.locator('output.phone-reg[data-state="registered"]').waitFor({ timeout: 60_000 });
  await expect
    .poll(() => page.getByTestId('mic-level').evaluate((m) => (m as HTMLMeterElement).value), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  await screenshot(page, 'softphone-registered');
  await page.keyboard.press('Alt+R');
  await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
});

it('answers with Alt+A, opens the form, and each side hears the other by frequency', async () => {
  const callerMedia = await freeMediaPort();
  const capture = await captureRtp(`udp and dst port ${callerMedia}`);
  caller = dial(system.kamailio!, CALLER, {
    scenario: 'caller-talks-tone.xml',
    args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', '12000'],
    cwd: dir,
  });
  const panel = page.locator('.call-panel');
  // A caller that ends before it is offered fails the test with SIPp's own report rather than a timeout.
  const callerResult = caller.ok();
  await Promise.race([
    panel.getByTestId('caller-number').filter({ hasText: CALLER }).waitFor({ timeout: 60_000 }),
    callerResult.then(() => {
      throw new Error('the caller ended before the call was offered');
    }),
  ]);
  await panel.getByRole('button', { name: /Answer/ }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'softphone-ringing');

  await page.keyboard.press('Alt+A');
  const type = page.getByRole('combobox', { name: /^Type/ });
  await expect
    .poll(() => type.evaluate((el) => el === document.activeElement), { timeout: 30_000 })
    .toBe(true);
  await panel.getByRole('button', { name: /Mute/ }).waitFor({ timeout: 30_000 });
  await expect.poll(() => heardFrequency(page), { timeout: 30_000 }).toBeCloseTo(CALLER_HZ, -2);
  await screenshot(page, 'softphone-in-call');

  await page.keyboard.press('Alt+M');
  await panel.getByText('Muted: the caller cannot hear you').waitFor();
  await screenshot(page, 'softphone-muted');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await panel.getByText('Đã tắt tiếng: người gọi không nghe thấy bạn').waitFor();
  await screenshot(page, 'softphone-muted-vi');
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Alt+M');
  await panel.getByRole('button', { name: /^Mute/ }).waitFor();

  await callerResult;
  const packets = await capture.stop();
  expect(packets.length).toBeGreaterThan(100);
  expect(
    toneRatio(
      packets.map((p) => p.payload),
      CALLTAKER_HZ,
      CALLER_HZ,
    ),
  ).toBeGreaterThan(1000);
  await panel.getByRole('heading', { name: 'Call ended' }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'softphone-call-ended');
});

it('holds the caller with Alt+O: the caller hears silence, the call goes on, and resumes', async () => {
  await page.keyboard.press('Alt+X');
  await page.getByText(/No call in hand/).waitFor();
  const goReady = page.getByRole('button', { name: /^Go ready/ });
  if (await goReady.isVisible()) await page.keyboard.press('Alt+R');
  await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
  const callerMedia = await freeMediaPort();
  const held = dial(system.kamailio!, '0909440101', {
    scenario: 'caller-talks-tone.xml',
    args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', '8000'],
    cwd: dir,
  });
  caller = held;
  const heldResult = held.ok();
  const panel = page.locator('.call-panel');
  await panel.getByRole('button', { name: /Answer/ }).waitFor({ timeout: 60_000 });
  await page.keyboard.press('Alt+A');
  await panel.getByRole('button', { name: /^Hold/ }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Alt+O');
  await panel.getByText('On hold: the caller hears nothing').waitFor();
  // What reaches the caller while held, after a moment for the packets already on their way.
  await page.waitForTimeout(300);
  const whileHeld = await captureRtp(`udp and dst port ${callerMedia}`);
  await page.waitForTimeout(1500);
  const heldPackets = await whileHeld.stop();
  await screenshot(page, 'softphone-held');
  await page.keyboard.press('Alt+O');
  await panel.getByRole('button', { name: /^Hold/ }).waitFor();
  expect(await panel.getByText('On hold').count()).toBe(0);
  await heldResult;
  await panel.getByRole('heading', { name: 'Call ended' }).waitFor({ timeout: 30_000 });
  // The relay kept sending, but silence: no trace of the call-taker's 440 Hz.
  expect(heldPackets.length).toBeGreaterThan(20);
  const loudest = Math.max(...heldPackets.map((p) => Math.max(...decodePcmu([p.payload]).map(Math.abs))));
  expect(loudest).toBeLessThan(200);
});

it('refuses ready to a console whose microphone is refused, saying why', async () => {
  // No fake-UI flag: the permission prompt of a headless browser is refused.
  const refusing = await launchChromium(['--use-fake-device-for-media-stream']);
  try {
    const other = await openConsole(refusing, system.url, 'ct2');
    await other
      .getByRole('alert')
      .filter({ hasText: /Microphone refused: allow this site to use the microphone/ })
      .waitFor({ timeout: 30_000 });
    const ready = other.getByRole('button', { name: /Go ready/ });
    expect(await ready.isDisabled()).toBe(true);
    expect(await other.getByTestId('ready-refused').textContent()).toMatch(
      /^You cannot go ready: Microphone refused/,
    );
    await other.keyboard.press('Alt+R');
    await screenshot(other, 'softphone-mic-refused');
    expect(await other.getByRole('button', { name: /Go not ready/ }).count()).toBe(0);
  } finally {
    await refusing.close();
  }
});
