// Text to 112 against the whole system: a citizen's web chat in one Chromium page and a SIPp citizen texting
// 112 (SIP MESSAGE through Kamailio and call control) are offered by the ACD to the ready call-taker's console in
// another page, like a call, and accepted there; the call-taker's replies come back (the chat page shows it,
// SIPp receives a MESSAGE with it); too long and too fast are refused with a reason; an incident opened from a
// conversation keeps its transcript.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextMessage } from '@hcm112/shared';
import { freePort, sipp, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import {
  chooseDeskPhone,
  launchChromium,
  logInAs,
  newConsole,
  screenshot,
} from '../../src/harness/browser.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';

let system: RunningSystem;
let browser: Browser;
let desk: Page;
let citizen: Page;
let api: ApiClient;
const dirs: string[] = [];

beforeAll(async () => {
  // No wrap-up: the next text is offered as soon as the last one ends.
  system = await startSystem({ env: { WRAPUP_SECONDS: '0' } });
  browser = await launchChromium();
  api = await loginDemo(system.url, 'ct1');
  desk = (await newConsole(browser, 'en', { width: 1366, height: 768 })).page;
  await logInAs(desk, system.url, 'ct1', '#/calltaker');
  // A SIPp desk phone registers ct1's extension, so ct1 can be ready; texts are offered in the console itself.
  await chooseDeskPhone(desk);
  await startPhone(system.kamailio!, '1001');
  await desk.getByRole('button', { name: /Go ready/ }).waitFor({ timeout: 30_000 });
  await desk.keyboard.press('Alt+R');
  await desk.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
  citizen = (await newConsole(browser, 'en', { width: 430, height: 860 })).page;
});

afterAll(async () => {
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await browser?.close();
  await system?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const edge = () => system.kamailio!.target;

/** The ACD offers the text to ct1's console (it rings like a call); ct1 accepts and the conversation opens. */
async function acceptOffer(hasText: string, shot?: string) {
  const offer = desk.locator('.text-offer', { hasText });
  await offer.waitFor({ timeout: 30_000 });
  await desk.locator('.queue-table .channel-text').first().waitFor({ timeout: 30_000 });
  if (shot) {
    // The side pane from its top: ready state and the queue, where the text waits with its icon.
    await desk.locator('.ct-side').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(desk, shot);
  }
  await offer.getByRole('button', { name: /^Accept text/ }).click();
  await desk.locator('.text-conversation .text-citizen', { hasText }).waitFor({ timeout: 30_000 });
}

async function reply(text: string) {
  await desk.getByLabel('Reply').fill(text);
  await desk.getByRole('button', { name: 'Send', exact: true }).click();
  await desk.locator('.text-conversation .text-call-taker', { hasText: text }).waitFor({ timeout: 30_000 });
}

it('brings a web chat to the console and the reply back to the citizen', async () => {
  await citizen.goto(`${system.url}/text112/`);
  await citizen.getByLabel(/Name or phone number/).fill('0901112233');
  await citizen.getByLabel(/What is happening/).fill('Someone broke in, I am hiding in the bathroom');
  await screenshot(citizen, 'text112-citizen-start');
  await citizen.getByRole('button', { name: 'Send to 112' }).click();
  await citizen.locator('#messages li.citizen', { hasText: 'hiding in the bathroom' }).waitFor();

  await acceptOffer('hiding in the bathroom', 'text112-console-offer');
  await reply('Police are on the way. Where are you? / Công an đang đến.');
  await citizen
    .locator('#messages li.call-taker', { hasText: 'Police are on the way' })
    .waitFor({ timeout: 30_000 });
  expect(await citizen.locator('#status').textContent()).toContain('A call-taker is talking with you');

  await citizen.getByLabel('Message').fill('12 Lê Lợi, Bến Thành, second floor');
  await citizen.getByRole('button', { name: 'Send', exact: true }).click();
  await desk
    .locator('.text-conversation .text-citizen', { hasText: '12 Lê Lợi' })
    .waitFor({ timeout: 30_000 });
  await screenshot(citizen, 'text112-citizen-chat');
  await screenshot(desk, 'text112-console-conversation');
});

it('refuses a web message too long or too fast with a clear reason', async () => {
  const box = citizen.getByLabel('Message');
  await box.evaluate((el) => el.removeAttribute('maxlength'));
  await box.fill('x'.repeat(1001));
  await citizen.getByRole('button', { name: 'Send', exact: true }).click();
  await citizen.locator('#error', { hasText: 'at most 1000 characters' }).waitFor();
  // One message was sent in the first test; four more fill the 10 s window of five; the next is refused.
  for (let i = 1; i <= 5; i += 1) {
    await box.fill(`quick ${i}`);
    await citizen.getByRole('button', { name: 'Send', exact: true }).click();
    if (i < 5) await citizen.locator('#messages li.citizen', { hasText: `quick ${i}` }).waitFor();
  }
  await citizen.locator('#error', { hasText: 'too many messages too fast' }).waitFor();
  await screenshot(citizen, 'text112-citizen-too-fast');
});

it('keeps the transcript with an incident opened from the conversation', async () => {
  await desk.getByRole('button', { name: 'Open an incident from this conversation' }).click();
  await desk.getByRole('combobox', { name: /^Type/ }).click();
  await desk.keyboard.type('burglary');
  await desk
    .getByRole('option', { name: /Burglary/ })
    .first()
    .waitFor();
  await desk.keyboard.press('Tab');
  await desk.keyboard.press('Tab');
  await desk.keyboard.type('Ben Thanh');
  await desk
    .getByRole('option', { name: /Chợ Bến Thành/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await desk.keyboard.press('Enter');
  await desk.keyboard.press('Control+Enter');
  const outcome = desk.getByTestId('text-incident');
  await outcome.waitFor({ timeout: 30_000 });
  const number = (await outcome.textContent())?.match(/HCM-\d{4}-\d{6}/)?.[0];
  expect(number).toBeDefined();
  await screenshot(desk, 'text112-console-incident');
  const { incidents } = await api.expectJson<{ incidents: { id: string; number: string }[] }>(
    'GET',
    '/incidents?status=open',
  );
  const incident = incidents.find((i) => i.number === number)!;
  const { sessions } = await api.expectJson<{ sessions: { messages: TextMessage[] }[] }>(
    'GET',
    `/incidents/${incident.id}/text-sessions`,
  );
  const said = sessions[0]!.messages.map((m) => m.text);
  expect(said).toContain('12 Lê Lợi, Bến Thành, second floor');
  expect(said).toContain('Police are on the way. Where are you? / Công an đang đến.');
  await desk.getByRole('button', { name: 'End conversation' }).click();
  await citizen.locator('#status', { hasText: 'The conversation has ended' }).waitFor({ timeout: 30_000 });
});

it("brings a SIP MESSAGE to the console and sends the call-taker's reply back as a MESSAGE", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'e112-text-'));
  dirs.push(dir);
  const replyPort = await freePort();
  const received = join(dir, 'received.log');
  const reader = sipp('citizen-reads-reply.xml', edge(), [
    '-p',
    String(replyPort),
    '-m',
    '1',
    '-timeout',
    '120s',
    '-trace_msg',
    '-message_file',
    received,
  ]);
  await sipp('citizen-texts.xml', edge(), ['-s', '112', '-m', '1'], {
    caller: '0907000111',
    reply_port: replyPort,
    text: 'Toi bi khiem thinh, nha toi bi chay o 45 Nguyen Hue',
  }).ok();
  await acceptOffer('45 Nguyen Hue', 'text112-console-offer-sip');
  await reply('Xe cứu hỏa đang đến 45 Nguyễn Huệ');
  await reader.ok();
  const log = readFileSync(received, 'utf8');
  expect(log).toContain('MESSAGE sip:0907000111@127.0.0.1');
  expect(log).toContain('Xe cứu hỏa đang đến 45 Nguyễn Huệ');
  await screenshot(desk, 'text112-console-sip');
});

it('refuses a SIP MESSAGE too long (413) or too fast (503)', async () => {
  const replyPort = await freePort();
  await sipp('citizen-text-too-long.xml', edge(), ['-s', '112', '-m', '1'], {
    caller: '0907000222',
    reply_port: replyPort,
    text: 'x'.repeat(3100),
  }).ok();
  await sipp('citizen-texts-too-fast.xml', edge(), ['-s', '112', '-m', '1'], {
    caller: '0907000333',
    reply_port: replyPort,
    text: 'help',
  }).ok();
});
