// A browser call-taker's media: Chromium's WebRTC (ICE, DTLS-SRTP) on one side of rtpengine, a SIPp caller's
// plain RTP on the other. The browser is offered G.711 only, and each side hears the other's tone.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  captureRtp,
  dial,
  freePort,
  type Kamailio,
  startKamailio,
  toneRatio,
  waitFor,
  writeTone,
} from '@hcm112/telephony/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/harness/browser.ts';
import { heardRatio, startWebrtcPhone } from '../../src/harness/webrtc-phone.ts';

const run = promisify(execFile);
const CALLER_HZ = 1000;
const BROWSER_HZ = 440;

let kamailio: Kamailio;
let browser: Browser;
let page: Page;
let http: Server;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e112-webrtc-'));
  await writeTone(dir, CALLER_HZ);
  const microphone = join(dir, 'microphone.wav');
  await run(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${BROWSER_HZ}:duration=30`].concat([
      '-ar',
      '48000',
      '-ac',
      '1',
      '-c:a',
      'pcm_s16le',
      microphone,
    ]),
  );
  // No call control: the call rings the fallback group, where the browser phone is.
  kamailio = await startKamailio({ FALLBACK_EXTS: '4001' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphone}`,
    ],
  });
  // getUserMedia needs a secure context: http://127.0.0.1 is one.
  http = createServer((_req, res) => res.end('<!doctype html><title>phone</title>'));
  const port = await freePort();
  await new Promise<void>((ok) => http.listen(port, '127.0.0.1', ok));
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
});

afterAll(async () => {
  await browser?.close();
  http?.close();
  await kamailio?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a browser call-taker', () => {
  test('is offered WebRTC media with G.711 only, and hears the caller as the caller hears it', async () => {
    const phone = startWebrtcPhone(kamailio.wsPort, '4001', page);
    expect(await phone.registered).toBe(200);
    const callerMedia = await freePort();
    const capture = await captureRtp(`udp and port ${callerMedia}`);
    const caller = dial(kamailio, '0908000001', {
      scenario: 'caller-talks-tone.xml',
      args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', '6000'],
      cwd: dir,
    });

    const offer = await phone.offer;
    // G.711 only (the caller offers PCMU): nothing to transcode, nothing else offered.
    expect(offer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF( [08])+\r?$/m);
    expect(offer).toMatch(/^a=fingerprint:sha-256 /m);
    expect(offer).toMatch(/^a=candidate:.* 127\.0\.0\.1 \d+ typ host/m);
    expect(offer).toMatch(/^a=rtcp-mux\r?$/m);
    expect(offer).not.toMatch(/^a=crypto:/m);
    // The browser hears the caller's 1 kHz tone, decrypted from DTLS-SRTP.
    await waitFor(
      async () => ((await heardRatio(page, CALLER_HZ, BROWSER_HZ)) > 100 ? true : undefined),
      'the browser to hear the caller',
    );

    await caller.ok();
    await phone.ended;
    phone.close();
    const toCaller = (await capture.stop()).filter((p) => p.dstPort === callerMedia);
    // The caller hears the browser's microphone, as plain PCMU.
    expect(toCaller.length).toBeGreaterThan(100);
    expect(toCaller.every((p) => p.payloadType === 0)).toBe(true);
    expect(
      toneRatio(
        toCaller.map((p) => p.payload),
        BROWSER_HZ,
        CALLER_HZ,
      ),
    ).toBeGreaterThan(100);
  });
});
