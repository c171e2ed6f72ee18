// Instant recall and the caller's call history against the whole system: Chromium with a fake headset playing
// 440 Hz answers a SIPp citizen streaming 1 kHz; Alt+P replays the last seconds of the call in progress from the
// console's own buffer (caller left, call-taker right, checked by frequency), audited, while the caller goes on
// hearing only the call-taker. A dispatcher then plays that call's recording from the caller's call history
// beside an incident opened from the caller's next call.
import type { Call } from '@hcm112/shared';
import { captureRtp, dial, freeMediaPort, toneRatio, writeTone } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { auditAbout } from '../../src/harness/audit-story.ts';
import { openConsole, screenshot } from '../../src/harness/browser.ts';
import { type SoftphoneConsole, startSoftphoneConsole } from '../../src/harness/softphone-console.ts';
import type { RunningSystem } from '../../src/harness/system.ts';

const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;
const CALLER = '0909440200';

let desk: SoftphoneConsole | undefined;
let system: RunningSystem;
let headset: Browser;
let page: Page;
let supervisor: ApiClient;
let dir: string;

beforeAll(async () => {
  desk = await startSoftphoneConsole({ name: 'replay', headsetHz: CALLTAKER_HZ });
  ({ system, headset, page, dir } = desk);
  await writeTone(dir, CALLER_HZ, 60);
  supervisor = await loginDemo(system.url, 'sup1');
});

afterAll(async () => {
  await desk?.stop();
});

/**
 * The strongest frequency on each channel of the replay's last ~1.5 s as it plays, by WebAudio analysers (the page's
 * Content-Security-Policy lets no script fetch the blob itself). The end, not the start: on a loaded machine the
 * caller's first second can be silence while the relay and DTLS settle, and the buffer keeps the call from answer.
 */
function replayFrequencies(p: Page): Promise<{ left: number; right: number; seconds: number }> {
  return p.getByTestId('replay-audio').evaluate(async (el) => {
    const audio = el as HTMLAudioElement;
    audio.currentTime = Math.max(0, audio.duration - 1.5);
    if (audio.paused) await audio.play();
    const context = new AudioContext();
    await context.resume();
    const splitter = context.createChannelSplitter(2);
    context.createMediaElementSource(audio).connect(splitter);
    const analysers = [0, 1].map((channel) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      splitter.connect(analyser, channel);
      return analyser;
    });
    await new Promise((r) => setTimeout(r, 1200));
    const peaks = analysers.map((analyser) => {
      const bins = new Float32Array(analyser.frequencyBinCount);
      analyser.getFloatFrequencyData(bins);
      let peak = 1;
      for (let i = 1; i < bins.length; i++) if (bins[i]! > bins[peak]!) peak = i;
      return (peak * context.sampleRate) / analyser.fftSize;
    });
    await context.close();
    return { left: peaks[0] ?? 0, right: peaks[1] ?? 0, seconds: audio.duration };
  });
}

async function callFrom(caller: string, state: Call['state']): Promise<Call> {
  let found: Call | undefined;
  await expect
    .poll(
      async () => {
        const { calls } = await supervisor.expectJson<{ calls: Call[] }>(
          'GET',
          `/calls/recent?caller=${caller}&limit=10`,
        );
        found = calls.find((c) => c.state === state);
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found as Call;
}

/** Ready (ending any wrap-up), a call from CALLER talking 1 kHz for `ms`, answered with Alt+A. */
async function answerCall(ms: number, callerMedia: number) {
  const goReady = page.getByRole('button', { name: /^Go ready/ });
  if (await goReady.isVisible()) await page.keyboard.press('Alt+R');
  await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
  const caller = dial(system.kamailio!, CALLER, {
    scenario: 'caller-talks-tone.xml',
    args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', String(ms)],
    cwd: dir,
  });
  const panel = page.locator('.call-panel');
  await panel.getByRole('button', { name: /Answer/ }).waitFor({ timeout: 60_000 });
  await page.keyboard.press('Alt+A');
  await panel.getByRole('button', { name: /^Mute/ }).waitFor({ timeout: 30_000 });
  return caller.ok();
}

it('replays the last seconds of the call in progress with Alt+P: both voices, audited, never heard by the caller', async () => {
  const callerMedia = await freeMediaPort();
  const callerDone = answerCall(14_000, callerMedia);
  const panel = page.locator('.call-panel');
  await page.waitForTimeout(4000);
  await page.keyboard.press('Alt+P');
  const player = page.locator('.instant-replay[data-source="live"]');
  await player.waitFor({ timeout: 10_000 });
  // The call goes on: still answered, Hang up still offered.
  await panel.getByRole('button', { name: /Hang up/ }).waitFor();
  await expect
    .poll(() => page.getByTestId('replay-audio').evaluate((a) => (a as HTMLAudioElement).currentTime), {
      timeout: 10_000,
    })
    .toBeGreaterThan(0.2);
  // What reaches the caller while the replay plays: the call-taker's 440 Hz, not the replayed 1 kHz.
  const whileReplaying = await captureRtp(`udp and dst port ${callerMedia}`);
  await page.waitForTimeout(1500);
  const heard = await whileReplaying.stop();
  await screenshot(page, 'instant-replay-live');

  // Caller on the left, the call-taker's own microphone on the right; seconds of the call, not a blip.
  const replayed = await replayFrequencies(page);
  expect(replayed.left).toBeCloseTo(CALLER_HZ, -2);
  expect(replayed.right).toBeCloseTo(CALLTAKER_HZ, -2);
  expect(replayed.seconds).toBeGreaterThan(2);
  expect(heard.length).toBeGreaterThan(20);
  expect(
    toneRatio(
      heard.map((p) => p.payload),
      CALLTAKER_HZ,
      CALLER_HZ,
    ),
  ).toBeGreaterThan(100);

  const call = await callFrom(CALLER, 'answered');
  const audit = await auditAbout(supervisor, [call.id]);
  expect(audit.find((e) => e.action === 'recording.recalled-live')).toMatchObject({
    actorName: 'ct1',
    after: { source: 'console' },
  });
  await callerDone;
  await panel.getByRole('heading', { name: 'Call ended' }).waitFor({ timeout: 30_000 });
});

it("plays an earlier call's recording from the caller's call history beside an incident, audited", async () => {
  const first = await callFrom(CALLER, 'ended');
  await page.keyboard.press('Alt+X');
  await page.getByText(/No call in hand/).waitFor();
  await answerCall(3000, await freeMediaPort());
  const second = await callFrom(CALLER, 'ended');
  const callTaker = await loginDemo(system.url, 'ct1');
  const { incident } = await callTaker.expectJson<{ incident: { id: string } }>(
    'POST',
    '/incidents',
    {
      type: 'fire',
      subtype: 'structure-fire',
      callId: second.id,
      location: { point: { lat: 10.7725, lon: 106.698 }, address: 'Chợ Bến Thành' },
    },
    201,
  );

  const dispatcher = await openConsole(headset, system.url, 'dsp1', { screen: '#/dispatch' });
  await dispatcher.locator(`.incident-row[data-incident-id="${incident.id}"]`).click({ timeout: 30_000 });
  const history = dispatcher.locator('.caller-history');
  const entry = history.locator(`li[data-call-id="${first.id}"]`);
  await entry.getByRole('button', { name: 'Play' }).click({ timeout: 60_000 });
  await expect
    .poll(() => entry.locator('audio').evaluate((a) => (a as HTMLAudioElement).currentTime), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  await screenshot(dispatcher, 'caller-history-player');
  const audit = await auditAbout(supervisor, [first.id]);
  expect(audit.find((e) => e.action === 'recording.played')).toMatchObject({ actorName: 'dsp1' });
  await dispatcher.close();
});
