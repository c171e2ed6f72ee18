// The location link against the whole system: a SIPp caller's call is answered at the call-taker's desk phone, the
// console sends the caller a link (the test's SMS gateway receives {to, text} with it), the caller's phone
// (Chromium in mobile emulation, its GPS overridden) opens it and its position, then its move, shows on the
// call-taker's console and on the dispatcher's for the incident; a second phone and the link after the call are
// refused with a clear page; the caller's video (the fake camera) is recorded with the call, indexed, checked
// against its sha256 when a supervisor downloads it, and played from the incident's recordings.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Call, CallRecording, Incident } from '@hcm112/shared';
import { startSmsGateway } from '@hcm112/server/testing/sms-gateway';
import { dial, type Phone, type SippRun, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import { type Browser, type BrowserContext, devices, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { chooseDeskPhone, launchChromium, openConsole, screenshot } from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { screenshotBothSizes } from '../../src/harness/two-sizes.ts';

// The network's fix: a 1 km cell circle; the phone's GPS: 8 m, on Lê Lợi, then walking towards the market.
const CELL = { lat: 10.7795, lon: 106.6922 };
const pidfCell = `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${CELL.lat} ${CELL.lon}</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9001">1000</gs:radius></gs:Circle>`;
const GPS = { latitude: 10.77412, longitude: 106.70035, accuracy: 8 };
const MOVED = { latitude: 10.77268, longitude: 106.69811, accuracy: 6 };
const CALLER = '0908123789';

const gateway = await startSmsGateway();
let system: RunningSystem;
let browser: Browser;
let console_: Page;
let dispatcher: Page;
let callTakerApi: ApiClient;
let caller: SippRun | undefined;
let phone: Phone | undefined;
let linkUrl = '';
let call: Call;
let incident: Incident;
let callerPage: Page;
const phones: BrowserContext[] = [];

/** A caller's phone: a fresh mobile profile whose GPS says `where`, location allowed for the server's origin. */
async function callerPhone(where: typeof GPS): Promise<{ context: BrowserContext; page: Page }> {
  const { defaultBrowserType: _, ...pixel } = devices['Pixel 5']!;
  const context = await browser.newContext({
    ...pixel,
    locale: 'vi-VN',
    geolocation: where,
    permissions: ['geolocation', 'camera'],
  });
  phones.push(context);
  return { context, page: await context.newPage() };
}

beforeAll(async () => {
  system = await startSystem({
    env: { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_AUTH: 'Bearer e2e-sms-key' },
  });
  // A fake camera for the caller's phone, and WebRTC on loopback, where rtpengine relays.
  browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection',
  ]);
  callTakerApi = await loginDemo(system.url, 'ct1');
  console_ = await openConsole(browser, system.url, 'ct1');
  await chooseDeskPhone(console_);
  dispatcher = await openConsole(browser, system.url, 'dsp1');
});

afterAll(async () => {
  caller?.stop();
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  for (const c of phones) await c.close().catch(() => {});
  await browser?.close();
  await system?.stop();
  await gateway.close();
});

it('texts the caller of the call in hand a link and shows it to read out', async () => {
  caller = dial(system.kamailio!, CALLER, {
    scenario: 'caller-with-location-stays.xml',
    args: ['-timeout', '240s'],
    keys: { location: pidfCell, note: 'link' },
  });
  phone = await startPhone(system.kamailio!, '1001', { calls: 1 });
  await console_.keyboard.press('Alt+R');
  const panel = console_.locator('.call-panel');
  await panel.getByTestId('caller-number').filter({ hasText: CALLER }).waitFor({ timeout: 60_000 });
  call = (
    await callTakerApi.expectJson<{ call: Call }>('GET', `/calls/${await panel.getAttribute('data-call-id')}`)
  ).call;

  await panel.getByRole('button', { name: 'Send location link' }).click();
  const url = panel.getByTestId('caller-link-url');
  await url.waitFor({ timeout: 30_000 });
  linkUrl = (await url.textContent()) ?? '';
  expect(linkUrl).toMatch(new RegExp(`^${system.url}/l/[A-Za-z0-9_-]{43}$`));
  await panel.getByText('SMS sent to +84908123789.').waitFor();
  expect(gateway.received).toEqual([
    {
      authorization: 'Bearer e2e-sms-key',
      body: { to: '+84908123789', text: expect.stringContaining(linkUrl) },
    },
  ]);
  await screenshot(console_, 'caller-link-sent');
});

it("shows the phone's position, then its move, on the call-taker's and the dispatcher's consoles", async () => {
  ({ incident } = await callTakerApi.expectJson<{ incident: Incident }>(
    'POST',
    '/incidents',
    {
      type: 'medical',
      subtype: 'unconscious',
      callId: call.id,
      note: 'caller on the phone, location link sent',
    },
    201,
  ));
  await dispatcher.locator(`.incident-row[data-incident-id="${incident.id}"]`).click({ timeout: 30_000 });

  const { context, page } = await callerPhone(GPS);
  callerPage = page;
  await page.goto(linkUrl);
  await page.locator('#status[data-state="sent"]').waitFor({ timeout: 30_000 });
  await page.getByText(/Location sent at/).waitFor();
  await screenshot(page, 'caller-link-phone');

  const inUse = console_.locator('.location-fix.in-use');
  await inUse.filter({ hasText: "from the caller's phone (link)" }).waitFor({ timeout: 30_000 });
  expect(await inUse.textContent()).toContain('± 8 m');
  const dispatcherFix = dispatcher.getByTestId('caller-phone-fix');
  await dispatcherFix.filter({ hasText: '10.77412, 106.70035 · ±8 m' }).waitFor({ timeout: 30_000 });
  await screenshot(console_, 'caller-link-console');

  await context.setGeolocation(MOVED);
  await dispatcherFix.filter({ hasText: '10.77268, 106.69811 · ±6 m' }).waitFor({ timeout: 30_000 });
  await inUse.filter({ hasText: '± 6 m' }).waitFor({ timeout: 30_000 });
  await expect
    .poll(
      async () =>
        (await callTakerApi.expectJson<{ call: Call }>('GET', `/calls/${call.id}`)).call.location?.point,
      { timeout: 30_000 },
    )
    .toEqual({ lat: MOVED.latitude, lon: MOVED.longitude });
  await screenshot(dispatcher, 'caller-link-dispatcher');
});

/** Whether a <video> shows frames: a size, and its time moving on. */
async function playing(video: Locator): Promise<boolean> {
  const before = await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.currentTime] as const);
  await new Promise((r) => setTimeout(r, 500));
  const after = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  return before[0] > 0 && after > before[1];
}

it("shows the caller's live video on both consoles only after the caller's consent", async () => {
  // Without consent: no video on either console, the relay's offer refused to the phone and to the console.
  const offer = await callerPage.evaluate(async (token) => {
    const res = await fetch(`/api/link/${token}/video/offer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' }),
    });
    return res.status;
  }, linkUrl.split('/l/')[1]);
  expect(offer).toBe(409);
  const watch = await fetch(`${system.url}/api/calls/${call.id}/video/watch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${callTakerApi.token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(watch.status).toBe(409);
  expect(await console_.getByTestId('caller-video').count()).toBe(0);
  expect(await dispatcher.getByTestId('caller-video').count()).toBe(0);

  await callerPage.getByRole('button', { name: /I agree, send video/ }).click();
  await callerPage.getByText(/Sending video/).waitFor({ timeout: 30_000 });
  for (const page of [console_, dispatcher]) {
    const video = page.getByTestId('caller-video');
    await video.waitFor({ timeout: 30_000 });
    await expect.poll(() => playing(video), { timeout: 30_000 }).toBe(true);
  }
  await screenshot(callerPage, 'caller-link-phone-video');
  await screenshot(console_, 'caller-link-console-video');
  await screenshot(dispatcher, 'caller-link-dispatcher-video');
});

it('refuses the link on a second phone and once the call has ended', async () => {
  const second = await callerPhone(GPS);
  await second.page.goto(linkUrl);
  await second.page.getByText('This link has already been used on another phone.').waitFor();
  await second.page.getByText('Liên kết này đã được mở trên một điện thoại khác.').waitFor();
  await screenshot(second.page, 'caller-link-reused');

  await console_.keyboard.press('Alt+H');
  await caller!.ok();
  await phone!.run.ok();
  await console_
    .locator('.call-panel')
    .getByRole('heading', { name: 'Call ended' })
    .waitFor({ timeout: 30_000 });
  const late = await callerPhone(GPS);
  const res = await late.page.goto(linkUrl);
  expect(res?.status()).toBe(410);
  await late.page.getByText('This link has expired (the call has ended).').waitFor();
  await screenshot(late.page, 'caller-link-expired');
});

/** What ffprobe finds in a video file: its first stream's codec, the frames it decoded, the duration. */
function probe(path: string): { codec: string; frames: number; durationS: number } {
  const out = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_frames',
      '-show_entries',
      'stream=codec_name,nb_read_frames:format=duration',
    ].concat(['-of', 'json', path]),
    { encoding: 'utf8' },
  );
  const info = JSON.parse(out) as {
    streams: Array<{ codec_name: string; nb_read_frames: string }>;
    format: { duration: string };
  };
  return {
    codec: info.streams[0]?.codec_name ?? '',
    frames: Number(info.streams[0]?.nb_read_frames ?? 0),
    durationS: Number(info.format.duration),
  };
}

it("records the caller's video with the call: indexed, checked on download, played from the incident", async () => {
  const supervisor = await loginDemo(system.url, 'sup1');
  const path = `/calls/${call.id}/video-recordings`;
  await expect
    .poll(
      async () =>
        (await supervisor.expectJson<{ recordings: CallRecording[] }>('GET', path)).recordings.map(
          (r) => r.status,
        ),
      { timeout: 60_000, interval: 500 },
    )
    .toEqual(['ready']);
  const [recording] = (await supervisor.expectJson<{ recordings: CallRecording[] }>('GET', path)).recordings;
  expect(recording).toMatchObject({ callId: call.id, kind: 'video', legId: null, reason: null });
  expect(recording!.linkId).toMatch(/^[0-9a-f-]{36}$/);
  expect(recording!.path).toMatch(/\/calls\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}\.webm$/);
  expect(recording!.durationMs).toBeGreaterThan(0);
  // From the consent on: after the call was answered, before it ended.
  const ended = (await callTakerApi.expectJson<{ call: Call }>('GET', `/calls/${call.id}`)).call;
  const startedAt = Date.parse(recording!.startedAt ?? '');
  expect(startedAt).toBeGreaterThan(Date.parse(ended.answeredAt ?? ''));
  expect(startedAt).toBeLessThan(Date.parse(ended.endedAt ?? ''));

  // The supervisor downloads it: the bytes are the indexed ones, and they are a VP8 video with frames.
  const file = `${path}/${recording!.id}/video`;
  const res = await supervisor.request('GET', `${file}?download=1`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('video/webm');
  expect(res.headers.get('content-disposition')).toContain('attachment');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.length).toBe(recording!.sizeBytes);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(recording!.sha256);
  const dir = mkdtempSync(join(tmpdir(), 'e112-video-'));
  try {
    writeFileSync(join(dir, 'caller.webm'), bytes);
    const found = probe(join(dir, 'caller.webm'));
    expect(found.codec).toBe('vp8');
    expect(found.frames).toBeGreaterThan(0);
    expect(found.durationS).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // A call-taker may see the index of their call's video but not play it; an altered file is never served.
  expect((await callTakerApi.request('GET', file)).status).toBe(403);
  appendFileSync(recording!.path!, Buffer.from([0]));
  const altered = await supervisor.request('GET', file);
  expect(altered.status).toBe(409);
  expect(((await altered.json()) as { error: { details: { recording: string } } }).error.details).toEqual({
    recording: 'tampered',
  });
  truncateSync(recording!.path!, recording!.sizeBytes!);
  const audit = await supervisor.expectJson<{ entries: Array<{ action: string; after: unknown }> }>(
    'GET',
    `/audit?targetType=call&targetId=${call.id}`,
  );
  const actions = audit.entries.map((e) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining(['recording.stored', 'recording.downloaded', 'recording.tampered']),
  );

  // The dispatcher plays it from the incident's recordings, under the call's audio.
  await dispatcher.reload();
  await dispatcher.locator(`.incident-row[data-incident-id="${incident.id}"]`).click({ timeout: 30_000 });
  const player = dispatcher.locator(`.video-recording[data-recording-id="${recording!.id}"]`);
  await player.getByRole('button', { name: 'Play video' }).click({ timeout: 30_000 });
  const video = player.getByTestId('video-recording');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await player.scrollIntoViewIfNeeded();
  await screenshotBothSizes(dispatcher, 'caller-link-video-recording');
});
