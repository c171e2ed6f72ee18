// Benchmark of the console softphone: from the Answer click to two-way audio in Chromium (the page hears the
// caller, the caller receives the call-taker's voice), calls one after another through Kamailio and rtpengine
// (DTLS-SRTP to the browser, plain RTP to the SIPp caller). Both clocks are this machine's.
import { rmSync } from 'node:fs';
import { startSystem } from '../harness/system.ts';
import { fakeHeadsetArgs, launchChromium, openConsole } from '../harness/browser.ts';
import {
  answerAndListen,
  firstHeardAtCaller,
  readyWithSoftphone,
  talkingCaller,
  toneFolder,
} from './softphone-calls.ts';
import { type BenchRow, summarize } from './table.ts';

const CALLS = 20;

export async function benchSoftphoneAnswer(): Promise<BenchRow[]> {
  const { dir, wav } = await toneFolder();
  const system = await startSystem();
  const browser = await launchChromium(fakeHeadsetArgs(wav));
  try {
    const page = await openConsole(browser, system.url, 'ct1');
    await readyWithSoftphone(page);
    const pageHears: number[] = [];
    const callerHears: number[] = [];
    const twoWay: number[] = [];
    const panel = page.locator('.call-panel');
    for (let i = 0; i < CALLS; i++) {
      const caller = await talkingCaller(
        system.kamailio!,
        `09140000${String(i).padStart(2, '0')}`,
        dir,
        1500,
      );
      let atCaller: number | undefined;
      let heard: { clickedAt: number; heardAt: number };
      try {
        await panel.getByRole('button', { name: /Answer/ }).waitFor({ timeout: 60_000 });
        heard = await answerAndListen(page);
        await caller.run.ok();
      } finally {
        caller.run.stop();
        atCaller = firstHeardAtCaller(await caller.capture.stop());
      }
      if (atCaller === undefined) throw new Error(`call ${i}: the caller never heard the call-taker`);
      const { clickedAt, heardAt } = heard;
      pageHears.push(heardAt - clickedAt);
      callerHears.push(atCaller - clickedAt);
      twoWay.push(Math.max(heardAt, atCaller) - clickedAt);
      await panel.getByRole('heading', { name: 'Call ended' }).waitFor({ timeout: 30_000 });
      await page.keyboard.press('Alt+X');
      await page.getByText(/No call in hand/).waitFor();
      // The call-taker is ready again when the ACD says so; go ready if the console shows not ready.
      const goReady = page.getByRole('button', { name: /^Go ready/ });
      if (await goReady.isVisible()) await page.keyboard.press('Alt+R');
      await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
    }
    const twoWaySummary = summarize(twoWay);
    return [
      {
        area: 'softphone',
        name: `answer click to the caller heard in Chromium, ${CALLS} calls`,
        ...summarize(pageHears),
      },
      {
        area: 'softphone',
        name: `answer click to the call-taker's voice at the caller (RTP), ${CALLS} calls`,
        ...summarize(callerHears),
      },
      {
        area: 'softphone',
        name: `answer click to two-way audio, ${CALLS} calls`,
        ...twoWaySummary,
        target: 'p99 < 500 ms',
        met: twoWaySummary.p99Ms < 500,
      },
    ];
  } finally {
    await browser.close();
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
