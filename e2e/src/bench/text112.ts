// Benchmark: a citizen's text to the call-taker's screen. Web chat: from the citizen's POST leaving this process
// to the message in the console's open conversation (DOM). SIP: from SIPp being started to send a MESSAGE to
// 112 to the new conversation's row in the console's text queue (SIPp's own start-up is inside the figure).
// A MutationObserver in Chromium stamps each appearance; both clocks are this machine's.
import { freePort, sipp, unregisterPhones } from '@hcm112/telephony/testing';
import type { Page } from 'playwright-core';
import { loginDemo } from '../harness/api-client.ts';
import { launchChromium, openConsole } from '../harness/browser.ts';
import { startSystem } from '../harness/system.ts';
import { type BenchRow, summarize } from './table.ts';

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
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
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
    env: { TEXT112_MESSAGES_PER_10S: '1000', TEXT112_SESSIONS_PER_IP: '1000' },
  });
  const browser = await launchChromium();
  try {
    const ct = await loginDemo(system.url, 'ct1');
    const page = await openConsole(browser, system.url, 'ct1');
    await watchTexts(page);

    const start = await fetch(`${system.url}/api/text112/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'bench-start' }),
    });
    const { session, token } = (await start.json()) as { session: { id: string }; token: string };
    await ct.expectJson('POST', `/text-sessions/${session.id}/take`, {});
    await page.getByRole('button', { name: /^Open conversation with/ }).click();
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
