// Location link: a position posted by the caller's phone (POST /api/link/:token/position) to the call-taker's
// console receiving the call with that position (call.updated on its websocket), p50/p99. The phone posts at the
// rate the link accepts (two a second) while it holds the link, as the page does while open.
import { insertCall } from '@hcm112/server/calls/repository';
import { connectConsole } from '@hcm112/server/testing/console-client';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const POSITIONS = 120;
/** The first positions warm the JIT, the pool and PostgreSQL's plan cache; they are not counted. */
const WARMUP = 10;
/** Over the link's floor of 500 ms between positions (a post the server still finds too early is sent again). */
const EVERY_MS = 600;
const now = () => performance.timeOrigin + performance.now();

export async function benchCallerLink(): Promise<BenchRow[]> {
  const bdb = await createBenchDatabase({ city: true });
  const server = await startBenchServer(bdb);
  const token = await loginToken(server.url, 'ct1', 'demo-ct1-112');
  const desk = await connectConsole(server.url, token);
  try {
    const ct1 = await bdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'ct1')
      .executeTakeFirstOrThrow();
    const call = await insertCall(bdb.db, {
      sipCallId: `bench-link-${Date.now()}@bench`,
      callerNumber: '+84905550100',
      callerIdentity: 'network-asserted',
      callerPrivacy: false,
      dialedNumber: '112',
      service: '112',
      state: 'answered',
      arrivedAt: new Date(),
      location: null,
      locationRaw: null,
    });
    if (!call) throw new Error('no call');
    await bdb.db
      .updateTable('calls')
      .set({ agent_user_id: ct1.id, answered_at: new Date() })
      .where('id', '=', call.id)
      .execute();
    const sent = await fetch(`${server.url}/api/calls/${call.id}/caller-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sms: false }),
    });
    const { link } = (await sent.json()) as { link: { url: string } };
    const opened = await fetch(link.url);
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const positionUrl = `${server.url}/api/link/${link.url.split('/l/')[1]}/position`;
    desk.send({ type: 'subscribe', streams: ['calls'] });
    await desk.waitFor((m) => m.type === 'subscribed', 'subscribed');

    const latencies: number[] = [];
    for (let i = 0; i < POSITIONS; i++) {
      const lat = 10.77 + i * 0.0001;
      const seen = (m: (typeof desk.messages)[number]) =>
        m.type === 'event' &&
        m.envelope.event.type === 'call.updated' &&
        m.envelope.event.call.id === call.id &&
        m.envelope.event.call.location?.point.lat === lat;
      let t0 = now();
      let status = 429;
      for (let attempt = 0; status === 429 && attempt < 5; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, 100));
        t0 = now();
        const res = await fetch(positionUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: server.url, cookie },
          body: JSON.stringify({ lat, lon: 106.7, accuracyM: 8, at: new Date().toISOString() }),
        });
        status = res.status;
      }
      if (status !== 202) throw new Error(`position ${i}: ${status}`);
      await desk.waitFor(seen, `position ${i} on the console`);
      if (i >= WARMUP) latencies.push(now() - t0);
      desk.messages.length = 0;
      await new Promise((r) => setTimeout(r, Math.max(0, EVERY_MS - (now() - t0))));
    }
    return [
      {
        area: 'caller-link',
        name: "link position posted by the phone -> call.updated with it on the call-taker's console",
        ...summarize(latencies),
      },
    ];
  } finally {
    await desk.close();
    await server.stop();
    await bdb.drop();
  }
}
