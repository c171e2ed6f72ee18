// A call-taker at the console softphone, the common start of the softphone, instant-replay and hand-over tests: a
// whole system, Chromium with a fake headset whose microphone plays a known tone, and the call-taker signed in
// with the softphone registered. Stopping it closes the browser, stops the system and removes its files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { fakeHeadsetArgs, launchChromium, openConsole, writeHeadsetWav } from './browser.ts';
import { type RunningSystem, type SystemOptions, startSystem } from './system.ts';

export interface SoftphoneConsoleOptions {
  /** Names the private directory (e112-<name>-…). */
  name: string;
  /** The tone the call-taker's headset microphone plays, in Hz. */
  headsetHz: number;
  system?: SystemOptions;
  /** Default ct1. */
  username?: string;
  /** Wait until the softphone is registered (default true); a test of the registration itself waits on its own. */
  registered?: boolean;
}

export interface SoftphoneConsole {
  system: RunningSystem;
  /** Chromium with the fake headset; more consoles may be opened in it. */
  headset: Browser;
  page: Page;
  /** A private directory holding the headset's WAV; tests put their SIPp peers' tones here too. */
  dir: string;
  stop(): Promise<void>;
}

export async function startSoftphoneConsole(options: SoftphoneConsoleOptions): Promise<SoftphoneConsole> {
  const dir = mkdtempSync(join(tmpdir(), `e112-${options.name}-`));
  let system: RunningSystem | undefined;
  let headset: Browser | undefined;
  const stop = async () => {
    await headset?.close();
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const wav = await writeHeadsetWav(dir, options.headsetHz);
    system = await startSystem(options.system);
    headset = await launchChromium(fakeHeadsetArgs(wav));
    const page = await openConsole(headset, system.url, options.username ?? 'ct1');
    if (options.registered !== false)
      await page.locator('output.phone-reg[data-state="registered"]').waitFor({ timeout: 60_000 });
    return { system, headset, page, dir, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
