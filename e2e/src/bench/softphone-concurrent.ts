// Benchmark of concurrent console softphone calls: 10 call-takers' consoles in one Chromium with fake headsets,
// 10 SIPp callers at once, every leg through rtpengine (DTLS-SRTP and ICE to the browser, plain RTP to the
// caller). Counts the calls with two-way audio and measures the CPU of rtpengine and of Chromium per call over
// a window while all 10 talk.
import { rmSync } from 'node:fs';
import { type ApiClient, loginDemo } from '../harness/api-client.ts';
import { startSystem } from '../harness/system.ts';
import { fakeHeadsetArgs, launchChromium, logInAs, newConsole } from '../harness/browser.ts';
import { cpuMs, pidsByCommandLine, processTree } from './process-cpu.ts';
import {
  answerAndListen,
  firstHeardAtCaller,
  readyWithSoftphone,
  talkingCaller,
  toneFolder,
} from './softphone-calls.ts';
import type { BenchRow } from './table.ts';

const CALLS = 10;
const WINDOW_MS = 10_000;
const PASSWORD = 'bench-softphone-2026';

/** ct1-ct3 from the seed plus bench call-takers with their own extensions, up to `n`. */
async function callTakers(
  admin: ApiClient,
  n: number,
): Promise<Array<{ username: string; password?: string }>> {
  const people: Array<{ username: string; password?: string }> = [{ username: 'ct1' }, { username: 'ct2' }];
  people.push({ username: 'ct3' });
  for (let i = people.length; i < n; i++) {
    const username = `bench-ct${i}`;
    await admin.expectJson(
      'POST',
      '/users',
      {
        username,
        displayName: `Bench call-taker ${i}`,
        role: 'call-taker',
        password: PASSWORD,
        sipExtension: String(3000 + i),
      },
      201,
    );
    people.push({ username, password: PASSWORD });
  }
  return people;
}

export async function benchSoftphoneConcurrent(): Promise<BenchRow[]> {
  const { dir, wav } = await toneFolder();
  const system = await startSystem();
  const browser = await launchChromium(fakeHeadsetArgs(wav));
  try {
    const admin = await loginDemo(system.url, 'admin');
    const pages = [];
    for (const person of await callTakers(admin, CALLS)) {
      const { page } = await newConsole(browser);
      await logInAs(page, system.url, person.username, '', person.password);
      await readyWithSoftphone(page);
      pages.push(page);
    }
    const callers = await Promise.all(
      pages.map((_, i) =>
        talkingCaller(system.kamailio!, `09150000${String(i).padStart(2, '0')}`, dir, 25_000),
      ),
    );
    try {
      // Each console answers the call it is offered; the page hearing its caller proves that direction.
      await Promise.all(
        pages.map(async (page) => {
          await page
            .locator('.call-panel')
            .getByRole('button', { name: /Answer/ })
            .waitFor({ timeout: 60_000 });
          await answerAndListen(page);
        }),
      );
      const relay = pidsByCommandLine(`127.0.0.1:${system.kamailio!.rtpengine!.ngPort}`);
      // Chromium's browser process carries the headset flag; its renderers and services are below it.
      const roots = pidsByCommandLine(`--use-file-for-fake-audio-capture=${wav}`);
      const chromium = [...new Set(roots.flatMap(processTree))];
      const [relayBefore, browserBefore, t0] = [cpuMs(relay), cpuMs(chromium), Date.now()];
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      const elapsed = Date.now() - t0;
      const relayShare = (cpuMs(relay) - relayBefore) / elapsed;
      const browserShare = (cpuMs(chromium) - browserBefore) / elapsed;
      await Promise.all(callers.map((c) => c.run.ok()));
      const heardAtCallers = await Promise.all(
        callers.map(async (c) => firstHeardAtCaller(await c.capture.stop())),
      );
      const twoWay = heardAtCallers.filter((at) => at !== undefined).length;
      const percentPerCall = (share: number) => Math.round((share * 1000) / CALLS) / 10;
      return [
        {
          area: 'softphone',
          name: `${CALLS} concurrent browser calls (DTLS-SRTP <-> RTP): calls with two-way audio`,
          value: twoWay,
          unit: 'calls',
          samples: CALLS,
          target: `${CALLS} of ${CALLS}`,
          met: twoWay === CALLS,
        },
        {
          area: 'softphone',
          name: `rtpengine CPU per call, ${CALLS} concurrent browser calls (% of one core, ${WINDOW_MS / 1000} s)`,
          value: percentPerCall(relayShare),
          unit: '% core',
          samples: CALLS,
        },
        {
          area: 'softphone',
          name: `Chromium CPU per console call, ${CALLS} consoles in one browser (% of one core)`,
          value: percentPerCall(browserShare),
          unit: '% core',
          samples: CALLS,
        },
      ];
    } finally {
      for (const c of callers) c.run.stop();
    }
  } finally {
    await browser.close();
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
