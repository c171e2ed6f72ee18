// Shared steps of the softphone benchmarks: a call-taker's console with a fake headset, a SIPp caller speaking a
// tone with its received RTP captured on loopback, and the moments each side first hears the other.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  captureRtp,
  dial,
  freeMediaPort,
  type RtpCapture,
  type RtpPacket,
  type SippRun,
  tonePower,
  decodePcmu,
  writeTone,
} from '@hcm112/telephony/testing';
import type { Page } from 'playwright-core';
import { writeHeadsetWav } from '../harness/browser.ts';

export const CALLER_HZ = 1000;
export const CALLTAKER_HZ = 440;

/** A folder with the caller's tone.ulaw (1 kHz) and the headset's wav (440 Hz). */
export async function toneFolder(): Promise<{ dir: string; wav: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'e112-bench-softphone-'));
  await writeTone(dir, CALLER_HZ, 60);
  return { dir, wav: await writeHeadsetWav(dir, CALLTAKER_HZ) };
}

/** Waits until the console's softphone is registered, then goes ready. */
export async function readyWithSoftphone(page: Page): Promise<void> {
  await page.locator('output.phone-reg[data-state="registered"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="mic-level"]').waitFor();
  await page.keyboard.press('Alt+R');
  await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
}

export interface TalkingCaller {
  run: SippRun;
  capture: RtpCapture;
}

/** A caller that streams 1 kHz once answered, for `talkMs`, then hangs up; what it receives is captured. */
export async function talkingCaller(
  kamailio: Parameters<typeof dial>[0],
  number: string,
  dir: string,
  talkMs: number,
): Promise<TalkingCaller> {
  const media = await freeMediaPort();
  const capture = await captureRtp(`udp and dst port ${media}`);
  const run = dial(kamailio, number, {
    scenario: 'caller-talks-tone.xml',
    args: ['-mi', '127.0.0.1', '-mp', String(media), '-d', String(talkMs)],
    cwd: dir,
  });
  return { run, capture };
}

/** When (ms since the epoch) the caller first received a 20 ms packet that is the call-taker's 440 Hz tone. */
export function firstHeardAtCaller(packets: RtpPacket[]): number | undefined {
  const heard = packets.find((p) => {
    const samples = decodePcmu([p.payload]);
    const energy = samples.reduce((n, x) => n + x * x, 0) / Math.max(samples.length, 1);
    return energy > 200 ** 2 && tonePower(samples, CALLTAKER_HZ) > 10 * tonePower(samples, CALLER_HZ);
  });
  return heard ? heard.at * 1000 : undefined;
}

/**
 * Clicks Answer in the page and returns the click's time and when the page first heard the caller (the remote
 * stream's level through a WebAudio analyser), both in ms since the epoch on this machine's clock.
 */
export async function answerAndListen(page: Page): Promise<{ clickedAt: number; heardAt: number }> {
  // tsx compiles named inner functions with an `__name` helper that the page does not have.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(async () => {
    const audio = document.querySelector<HTMLAudioElement>('[data-testid="remote-audio"]')!;
    const context = new AudioContext();
    await context.resume();
    const button = Array.from(document.querySelectorAll<HTMLButtonElement>('.call-panel button')).find((b) =>
      /Answer/.test(b.textContent ?? ''),
    );
    if (!button) throw new Error('no Answer button');
    const clock = () => performance.timeOrigin + performance.now();
    const clickedAt = clock();
    button.click();
    return new Promise<{ clickedAt: number; heardAt: number }>((resolve, reject) => {
      let analyser: AnalyserNode | undefined;
      const samples = new Float32Array(256);
      const tick = () => {
        const now = clock();
        if (now - clickedAt > 10_000) return reject(new Error('no caller audio within 10 s'));
        const stream = audio.srcObject;
        if (!analyser && stream instanceof MediaStream && stream.getAudioTracks().length) {
          analyser = context.createAnalyser();
          analyser.fftSize = samples.length;
          context.createMediaStreamSource(stream).connect(analyser);
        }
        if (analyser) {
          analyser.getFloatTimeDomainData(samples);
          let sum = 0;
          for (const x of samples) sum += x * x;
          if (Math.sqrt(sum / samples.length) > 0.02) {
            void context.close();
            return resolve({ clickedAt, heardAt: now });
          }
        }
        setTimeout(tick, 2);
      };
      tick();
    });
  });
}
