// Browser helpers for console tests: Debian's Chromium through playwright-core, logging in through the real
// login form, and screenshots saved to e2e/artifacts for people to look at.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_USERS } from '@hcm112/server/seed/demo-users';
import { ARTIFACTS_DIR } from './paths.ts';

const run = promisify(execFile);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Camera feeds must start without a click.
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** Writes `dir/headset-<hz>.wav`: what a fake headset microphone says (a sine at `hz`, 48 kHz mono, looped). */
export async function writeHeadsetWav(dir: string, hz: number, seconds = 120): Promise<string> {
  const wav = join(dir, `headset-${hz}.wav`);
  const sine = `sine=frequency=${hz}:duration=${seconds}`;
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', sine, '-ar', '48000', '-ac', '1', wav]);
  return wav;
}

/** The strongest frequency the console plays to the call-taker (its remote audio), by a WebAudio analyser over ~1 s. */
export function heardFrequency(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const audio = document.querySelector<HTMLAudioElement>('[data-testid="remote-audio"]');
    const stream = audio?.srcObject;
    if (!(stream instanceof MediaStream)) throw new Error('no remote stream');
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    context.createMediaStreamSource(stream).connect(analyser);
    await new Promise((r) => setTimeout(r, 1200));
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let peak = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i]! > bins[peak]!) peak = i;
    await context.close();
    return (peak * context.sampleRate) / analyser.fftSize;
  });
}

/**
 * Chromium flags for a call-taker with a headset: a fake microphone playing `wav` (looped), granted without a
 * prompt, and WebRTC allowed on loopback, where rtpengine relays (network only on 127.0.0.1).
 */
export function fakeHeadsetArgs(wav: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--allow-loopback-in-peer-connection',
  ];
}

/** A fresh browser profile (its own cookies) at a dispatcher's screen size. */
export async function newConsole(
  browser: Browser,
  lang: 'vi' | 'en' = 'en',
  viewport = { width: 1600, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
  });
  // Only the first page load picks the language; later loads keep what the person switched to.
  await context.addInitScript((l) => {
    if (!localStorage.getItem('e112.lang')) localStorage.setItem('e112.lang', l);
  }, lang);
  const page = await context.newPage();
  return { context, page };
}

export function demoPassword(username: string): string {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.password;
}

/** Logs in through the login form, as a person does, and waits for the shell with the live connection. */
export async function logInAs(
  page: Page,
  baseUrl: string,
  username: string,
  hash = '',
  password = demoPassword(username),
): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await page.getByLabel(/Username|Tên đăng nhập/).fill(username);
  await page.getByLabel(/Password|Mật khẩu/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Đăng nhập)$/ }).click();
  await page.getByTestId('current-user').waitFor({ timeout: 30_000 });
  await page.locator('output.conn[data-state="live"]').waitFor({ timeout: 60_000 });
}

/** The call-taker takes calls on a desk SIP phone (a SIPp or baresip peer) rather than the console softphone. */
export async function chooseDeskPhone(page: Page): Promise<void> {
  await page.getByRole('radio', { name: /^(Desk phone|Điện thoại bàn)$/ }).check();
  await page
    .getByText(/the incident form opens when you pick it up|phiếu sự vụ mở khi bạn nhấc máy/)
    .waitFor();
}

const SHOTS_DIR = ARTIFACTS_DIR;

/** Saves a screenshot of the viewport (of the whole page with `fullPage`) as e2e/artifacts/<name>.png; its path. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage });
  return path;
}

export interface ConsoleOptions {
  lang?: 'vi' | 'en';
  viewport?: { width: number; height: number };
  /** Hash route to open after signing in, e.g. `#/wallboard`. */
  screen?: string;
}

/** A fresh browser profile signed in as a demo user through the login form, on `screen` or the home screen. */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: ConsoleOptions = {},
): Promise<Page> {
  const { page } = await newConsole(browser, options.lang ?? 'en', options.viewport);
  await logInAs(page, baseUrl, username, options.screen ?? '');
  return page;
}
