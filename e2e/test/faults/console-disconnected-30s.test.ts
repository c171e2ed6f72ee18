// Fault: a dispatcher console loses its network for 30 s (its websocket runs through a proxy that first holds
// every byte, then resets the connection) while incidents are opened, noted and dispatched. It reconnects with
// the last sequence it saw of each stream and receives every event it missed, in order, with no gap and no
// duplicate (the same events a console that stayed connected saw), then live events again, without reloading.
import type { EventEnvelope, ServerMessage, Stream } from '@hcm112/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { TcpProxy } from '../../src/harness/tcp-proxy.ts';
import { connectConsole, type TestConsole } from '@hcm112/server/testing/console-client';

const STREAMS: Stream[] = ['calls', 'incidents', 'units', 'cameras', 'alerts'];
const OUTAGE_MS = 30_000;

let system: RunningSystem;
let network: TcpProxy;
let dispatcher: ApiClient;

beforeAll(async () => {
  system = await startSystem({ telephony: false });
  network = await TcpProxy.start(Number(new URL(system.url).port));
  dispatcher = await loginDemo(system.url, 'dsp1');
});

afterAll(async () => {
  await network?.close();
  await system?.stop();
});

const envelopes = (messages: ServerMessage[]): EventEnvelope[] =>
  messages.flatMap((m) => (m.type === 'event' ? [m.envelope] : []));

/** The last sequence seen of each stream, as a console keeps it. */
function lastSeen(messages: ServerMessage[]): Partial<Record<Stream, number>> {
  const since: Partial<Record<Stream, number>> = { ...lastSeenAtSubscribe(messages) };
  for (const e of envelopes(messages)) since[e.stream] = Math.max(since[e.stream] ?? 0, e.seq);
  return since;
}

function lastSeenAtSubscribe(messages: ServerMessage[]): Partial<Record<Stream, number>> {
  const subscribed = messages.find((m) => m.type === 'subscribed', 30_000);
  return subscribed?.type === 'subscribed' ? subscribed.heads : {};
}

async function subscribe(console: TestConsole, since?: Partial<Record<Stream, number>>) {
  console.send({ type: 'subscribe', streams: STREAMS, ...(since && { since }) });
  await console.waitFor((m) => m.type === 'subscribed', 'subscribed', 30_000);
}

/** One dispatcher action: open a fire, note it, send its nearest unit. Several events on two streams. */
async function dispatchOneFire(i: number): Promise<void> {
  const { incident } = await dispatcher.expectJson<{ incident: { id: string } }>(
    'POST',
    '/incidents',
    {
      type: 'fire',
      subtype: 'structure-fire',
      location: { point: { lat: 10.76 + i * 0.003, lon: 106.69 + i * 0.002 }, address: `outage ${i}` },
    },
    201,
  );
  await dispatcher.expectJson('POST', `/incidents/${incident.id}/notes`, { text: `note ${i}` });
  const { recommendations } = await dispatcher.expectJson<{ recommendations: { unitId: string }[] }>(
    'GET',
    `/incidents/${incident.id}/recommendations`,
  );
  if (recommendations[0])
    await dispatcher.expectJson('POST', `/incidents/${incident.id}/assignments`, {
      unitIds: [recommendations[0].unitId],
    });
}

it('replays every event missed during a 30 s outage, in order, then streams live ones', {
  timeout: 180_000,
}, async () => {
  const witness = await connectConsole(system.url, dispatcher.token);
  await subscribe(witness);
  const consoleUrl = `http://127.0.0.1:${network.port}`;
  const before = await connectConsole(consoleUrl, dispatcher.token);
  await subscribe(before);
  await dispatchOneFire(0);
  await before.waitFor(
    (m) => m.type === 'event' && m.envelope.stream === 'units',
    'the first dispatch',
    30_000,
  );

  network.stall();
  const outageEnds = Date.now() + OUTAGE_MS;
  let fires = 1;
  while (Date.now() < outageEnds) {
    await dispatchOneFire(fires);
    fires += 1;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await network.refuse();
  await before.closed;
  await network.restore();

  const since = lastSeen(before.messages);
  const after = await connectConsole(consoleUrl, dispatcher.token);
  await subscribe(after, since);
  await dispatchOneFire(fires);
  const witnessed = envelopes(witness.messages);
  const last = witnessed.at(-1)!;
  await after.waitFor(
    (m) => m.type === 'event' && m.envelope.seq === last.seq && m.envelope.stream === last.stream,
    'the live event after the replay',
    30_000,
  );

  expect(after.messages.some((m) => m.type === 'resync-required')).toBe(false);
  // Compared from where the reconnecting console's first subscription started (the witness started earlier).
  const start = lastSeenAtSubscribe(before.messages);
  const seenBefore = envelopes(before.messages);
  const seenAfter = envelopes(after.messages);
  for (const stream of STREAMS) {
    const all = witnessed.filter((e) => e.stream === stream && e.seq > (start[stream] ?? 0));
    const got = [...seenBefore, ...seenAfter].filter((e) => e.stream === stream);
    // The reconnected console has each event once, in sequence order, the same as the one that stayed.
    expect(got.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(got).toEqual(all);
  }
  expect(seenAfter.filter((e) => e.stream === 'incidents').length).toBeGreaterThan(fires);
  await witness.close();
  await after.close();
});
