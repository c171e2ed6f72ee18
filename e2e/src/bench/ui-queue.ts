// Benchmark: from a call's `queued` event leaving the server to its row in the call-taker console's DOM.
// A whole system with Kamailio; SIPp callers one after another (nobody ready, each gives up after 1.5 s);
// a websocket client beside the browser records the event's server time (envelope `at`), a MutationObserver in
// Chromium the moment each row appears. Both clocks are this machine's.
import type { ServerMessage } from '@hcm112/shared';
import { dial, unregisterPhones, waitFor } from '@hcm112/telephony/testing';
import WebSocket from 'ws';
import { loginDemo } from '../harness/api-client.ts';
import { startSystem } from '../harness/system.ts';
import { launchChromium, openConsole } from '../support/browser.ts';
import { type BenchRow, summarize } from './table.ts';

const CALLS = 30;

export async function benchUiQueue(): Promise<BenchRow[]> {
  const system = await startSystem();
  const browser = await launchChromium();
  try {
    const ct = await loginDemo(system.url, 'ct1');
    const queuedAt = new Map<string, number>();
    const ws = new WebSocket(`${system.url.replace('http', 'ws')}/ws`, {
      headers: { authorization: `Bearer ${ct.token}` },
    });
    await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if (msg.type !== 'event' || msg.envelope.event.type !== 'call.updated') return;
      const call = msg.envelope.event.call;
      if (call.state === 'queued' && !queuedAt.has(call.id))
        queuedAt.set(call.id, Date.parse(msg.envelope.at));
    });
    ws.send(JSON.stringify({ type: 'subscribe', streams: ['calls'] }));

    const page = await openConsole(browser, system.url, 'ct1');
    await page.getByText('No calls waiting').waitFor();
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { rowSeen: Record<string, number> }).rowSeen = seen;
      new MutationObserver(() => {
        const at = performance.timeOrigin + performance.now();
        for (const row of Array.from(document.querySelectorAll('tr[data-call-id]'))) {
          const id = row.getAttribute('data-call-id')!;
          seen[id] ??= at;
        }
      }).observe(document.body, { childList: true, subtree: true });
    });

    for (let i = 0; i < CALLS; i++) {
      await dial(system.kamailio!, `09130000${String(i).padStart(2, '0')}`, {
        scenario: 'caller-abandons.xml',
        args: ['-d', '1500'],
      }).ok();
    }
    let seen: Record<string, number> = {};
    await waitFor(
      async () => {
        seen = await page.evaluate(() => (window as unknown as { rowSeen: Record<string, number> }).rowSeen);
        return [...queuedAt.keys()].every((id) => id in seen);
      },
      'every queued call to show in the console',
      60_000,
    );
    ws.close();
    const delays = [...queuedAt].map(([id, at]) => Math.max(0, seen[id]! - at)).sort((a, b) => a - b);
    return [
      {
        area: 'ui',
        name: `call queued event to its queue row in the console DOM, ${CALLS} calls`,
        ...summarize(delays),
      },
    ];
  } finally {
    await browser.close();
    if (system.kamailio) await unregisterPhones(system.kamailio);
    await system.stop();
  }
}
