// Benchmark: a citizen's text to the call-taker's screen. Offer: from a new web chat's POST leaving this process to
// the ACD's offer on the ready call-taker's console (DOM). Web chat: from the citizen's POST to the message in the
// console's open conversation (DOM). SIP: from SIPp being started to send a MESSAGE to 112 to the new
// conversation's row in the console's text queue (SIPp's own start-up is inside the figure). A MutationObserver in
// Chromium stamps each appearance; both clocks are this machine's.
import { freePort, sipp, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import type { Page } from 'playwright-core';
import { loginDemo } from '../harness/api-client.ts';
import { chooseDeskPhone, launchChromium, openConsole } from '../harness/browser.ts';
import { startSystem } from '../harness/system.ts';
import { type BenchRow, summarize } from './table.ts';

const OFFERS = 20;
const WEB_MESSAGES = 40;
const SIP_MESSAGES = 15;

async function watchTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { textSeen: Record<string, number> }).textSeen = seen;
    new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      for (const el of Array.from(document.querySelectorAll('.text-msg .text-body, .text-preview'))) {
        const text = el.textContent ?? '';
        if (text.startsWith('bench-')) seen[text] ??= at;
      }
      for (const el of Array.from(document.querySelectorAll('.text-offer-preview li'))) {
        const text = el.textContent ?? '';
        if (text.startsWith('bench-')) seen[`offer:${text}`] ??= at;
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Starts a web chat with `text`; its session and the citizen's token. */
async function startChat(url: string, text: string): Promise<{ session: { id: string }; token: string }> {
  const res = await fetch(`${url}/api/text112/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (res.status !== 201) throw new Error(`chat refused: ${res.status} ${await res.text()}`);
  return (await res.json()) as { session: { id: string }; token: string };
}

async function seenAt(page: Page, text: string): Promise<number> {
  const handle = await page.waitForFunction(
    (t) => (window as unknown as { textSeen: Record<string, number> }).textSeen[t],
    text,
    { timeout: 30_000, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

export async function benchText112(): Promise<BenchRow[]> {
  const system = await startSystem({
    env: { TEXT112_MESSAGES_PER_10S: '1000', TEXT112_SESSIONS_PER_IP: '1000', WRAPUP_SECONDS: '0' },
  });
  const browser = await launchChromium();
  try {
    const ct = await loginDemo(system.url, 'ct1');
    const page = await openConsole(browser, system.url, 'ct1', { screen: '#/calltaker' });
    // A SIPp desk phone registers ct1's extension so ct1 can be ready; texts are offered in the console.
    await chooseDeskPhone(page);
    await startPhone(system.kamailio!, '1001');
    await page.getByRole('button', { name: /Go ready/ }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Alt+R');
    await page.getByRole('button', { name: /Go not ready/ }).waitFor({ timeout: 30_000 });
    await watchTexts(page);

    const offers: number[] = [];
    for (let i = 0; i < OFFERS; i++) {
      const text = `bench-offer-${i}`;
      const sentAt = Date.now();
      const { session } = await startChat(system.url, text);
      offers.push(Math.max(0, (await seenAt(page, `offer:${text}`)) - sentAt));
      await ct.expectJson('POST', `/text-sessions/${session.id}/take`, {});
      await ct.expectJson('POST', `/text-sessions/${session.id}/close`, {});
    }

    const { session, token } = await startChat(system.url, 'bench-start');
    await page
      .locator('.text-offer')
      .getByRole('button', { name: /^Accept text/ })
      .click();
    await page.locator('.text-conversation').waitFor();

    const web: number[] = [];
    for (let i = 0; i < WEB_MESSAGES; i++) {
      const text = `bench-web-${i}`;
      const sentAt = Date.now();
      const res = await fetch(`${system.url}/api/text112/sessions/${session.id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-text112-token': token },
        body: JSON.stringify({ text }),
      });
      if (res.status !== 201) throw new Error(`web message refused: ${res.status} ${await res.text()}`);
      web.push(Math.max(0, (await seenAt(page, text)) - sentAt));
    }

    const sip: number[] = [];
    const replyPort = await freePort();
    for (let i = 0; i < SIP_MESSAGES; i++) {
      const text = `bench-sip-${i}`;
      const sentAt = Date.now();
      await sipp('citizen-texts.xml', system.kamailio!.target, ['-s', '112', '-m', '1'], {
        caller: `09140000${String(i).padStart(2, '0')}`,
        reply_port: replyPort,
        text,
      }).ok();
      sip.push(Math.max(0, (await seenAt(page, text)) - sentAt));
      // Under the edge's per-source limit (20 texts or calls per 10 s from one address).
      await new Promise((ok) => setTimeout(ok, 600));
    }
    const row = (name: string, delays: number[]): BenchRow => {
      const figures = summarize(delays.sort((a, b) => a - b));
      return { area: 'text112', name, ...figures, target: 'p99 < 500 ms', met: figures.p99Ms < 500 };
    };
    return [
      row(`new web chat to the ACD's offer on the ready call-taker's console (DOM), ${OFFERS} chats`, offers),
      row(`web chat message to the call-taker's open conversation (DOM), ${WEB_MESSAGES} messages`, web),
      row(
        `SIP MESSAGE (SIPp start included) to its row in the console's text queue (DOM), ${SIP_MESSAGES} texts`,
        sip,
      ),
    ];
  } finally {
    await browser.close();
    if (system.kamailio) await unregisterPhones(system.kamailio);
    await system.stop();
  }
}
