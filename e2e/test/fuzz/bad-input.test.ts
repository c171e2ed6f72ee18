// Bad input from every side: random paths, ids, queries and bodies on every HTTP route, random websocket
// messages, and malformed INVITEs from SIPp. Each one gets an error (4xx, a websocket error message, SIP 400),
// never a 5xx, never silence; the stored data is the same before and after (malformed INVITEs are on record as
// refused calls, as every refused emergency INVITE is), and the system still serves.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { dial, sipp, unregisterPhones } from '@hcm112/telephony/testing';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { documentedRoutes } from '../../src/harness/api-document.ts';
import { connectConsole } from '@hcm112/server/testing/console-client';
import { snapshotTables } from '@hcm112/server/testing/table-snapshot';
import { callsRecorded, sipPeer } from '../../src/harness/telephony.ts';

let system: RunningSystem;
let users: ApiClient[];
let before: Record<string, string>;
/** Malformed INVITEs are put on record as refused calls, so that the centre can call back: expected rows. */
const BESIDES_REFUSALS = { calls: 'refused_reason IS NULL', audit_log: `action <> 'call.refused'` };

beforeAll(async () => {
  // Camera health checks would change camera rows on their own; off for a stable snapshot.
  system = await startSystem({ env: { CAMERA_HEALTH_INTERVAL_SECONDS: '0' } });
  users = [];
  for (const name of ['admin', 'dsp1', 'ct1', 'sup1']) users.push(await loginDemo(system.url, name));
  before = await snapshotTables(system.database.adminUrl, undefined, BESIDES_REFUSALS);
});

afterAll(async () => {
  if (system?.kamailio) await unregisterPhones(sipPeer(system));
  await system?.stop();
});

/**
 * Routes the sweep leaves out: they take no input, and succeed by design for a logged-in user whatever is sent
 * (credentials are issued and audited, which changes the data compared afterwards; logout ends the session the
 * other requests use).
 */
const NO_INPUT = new Set(['GET /calltakers/me/sip-credentials', 'POST /auth/logout']);
/** Every other route of the server's OpenAPI document. */
const API_ROUTES = documentedRoutes().filter(([method, path]) => !NO_INPUT.has(`${method} ${path}`));

const odd = fc.constantFrom(
  '0',
  '-1',
  '..',
  '%00',
  'null',
  "'; DROP TABLE incidents;--",
  'a'.repeat(3000),
  '00000000-0000-0000-0000-000000000000',
  '1e309',
  'ＩＤ',
);
const pathValue = fc.oneof(fc.string({ maxLength: 80 }), fc.uuid(), odd, fc.integer().map(String));

const body = fc.oneof(
  fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('raw' as const), value: fc.string({ maxLength: 200 }) }),
  fc.record({ kind: fc.constant('none' as const), value: fc.constant(undefined) }),
);

const request = fc.record({
  route: fc.constantFrom(...API_ROUTES),
  user: fc.nat({ max: 3 }),
  params: fc.array(pathValue, { minLength: 2, maxLength: 2 }),
  query: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), {
    maxKeys: 3,
  }),
  body,
  contentType: fc.constantFrom('application/json', 'text/plain', 'text/csv', 'application/geo+json'),
});

type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(r: Request): Promise<{ status: number; text: string; url: string }> {
  const [method, template] = r.route;
  let i = 0;
  const path = template.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(r.params[i++] ?? ''));
  const query = new URLSearchParams(r.query).toString();
  const url = `${system.url}/api${path}${query ? `?${query}` : ''}`;
  const payload =
    r.body.kind === 'json' ? JSON.stringify(r.body.value) : r.body.kind === 'raw' ? r.body.value : undefined;
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${users[r.user]!.token}`,
      ...(payload !== undefined && { 'content-type': r.contentType }),
    },
    body: method === 'GET' ? undefined : payload,
    // A hang is a failure: far beyond any answer on a loaded machine.
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, text: await res.text(), url: `${method} ${url}` };
}

function expectRefused(res: { status: number; text: string; url: string }, method: string) {
  expect(res.status, `${res.url} -> ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (method !== 'GET')
    expect(res.status, `${res.url} -> ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  if (res.status >= 400) {
    const parsed = JSON.parse(res.text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof parsed.error?.code, res.url).toBe('string');
    expect(typeof parsed.error?.message, res.url).toBe('string');
  }
}

describe('HTTP API', () => {
  it('answers random requests on every route with a 4xx error body, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => expectRefused(await send(r), r.route[0])),
      { numRuns: 1000, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
  });

  it.each([
    [
      'a path id that is not valid percent-encoding',
      'GET',
      '/incidents/%E0%A4%A',
      undefined,
      'application/json',
    ],
    ['a JSON body cut short', 'POST', '/incidents', '{"type": "fire", ', 'application/json'],
    ['JSON null as the body', 'POST', '/incidents', 'null', 'application/json'],
    [
      'a body in a charset the server does not read',
      'POST',
      '/incidents',
      '{}',
      'application/json; charset=latin9',
    ],
    [
      'a body larger than the limit',
      'POST',
      '/incidents',
      `{"note":"${'x'.repeat(400_000)}"}`,
      'application/json',
    ],
  ])('answers %s with an error', async (_name, method, path, payload, contentType) => {
    const res = await fetch(`${system.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${users[1]!.token}`, 'content-type': contentType },
      body: payload,
      signal: AbortSignal.timeout(30_000),
    });
    expectRefused({ status: res.status, text: await res.text(), url: `${method} ${path}` }, 'POST');
  });
});

describe('HTTP API, well-formed ids of nothing', () => {
  it.each([
    ['GET', '/incidents/:id', 1],
    ['GET', '/units/:id', 1],
    ['GET', '/cameras/:id', 0],
    ['GET', '/calls/:id', 2],
  ] as const)('answers %s %s with 404 not-found for an id nobody has', async (method, path, user) => {
    const res = await users[user]!.request(
      method,
      path.replace(':id', '00000000-0000-4000-8000-000000000000'),
    );
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-found');
  });
});

describe('websocket', () => {
  const message = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .record({
        type: fc.constantFrom('subscribe', 'ping', 'unsubscribe', ''),
        streams: fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }), fc.jsonValue()),
        since: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue()), fc.jsonValue()),
        id: fc.oneof(fc.double(), fc.string(), fc.constant(undefined)),
      })
      .map((v) => JSON.stringify(v)),
  );

  it('answers every random message and keeps the console connected', async () => {
    const console = await connectConsole(system.url, users[1]!.token);
    let probe = 0;
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const from = console.messages.length;
        console.send(text);
        // A ping after each message: its pong proves the socket still answers, in order.
        probe += 1;
        const id = probe;
        console.send({ type: 'ping', id });
        await console.waitFor(
          (m) => m.type === 'pong' && m.id === id,
          `pong ${id} after ${text.slice(0, 80)}`,
          30_000,
        );
        const replies = console.messages.slice(from).filter((m) => !(m.type === 'pong' && m.id === id));
        for (const m of replies)
          expect(['error', 'subscribed', 'pong', 'event', 'resync-required'], text).toContain(m.type);
        const errors = replies.filter((m) => m.type === 'error');
        for (const e of errors)
          expect(e.type === 'error' && ['invalid', 'forbidden'].includes(e.code)).toBe(true);
      }),
      { numRuns: 500, endOnFailure: true },
    );
    await console.close();
  });

  it('closes a console that sends a message over the size limit with 1009', async () => {
    const console = await connectConsole(system.url, users[1]!.token);
    console.send('x'.repeat(70 * 1024));
    expect(await console.closedWith).toBe(1009);
  });
});

describe('SIP', () => {
  const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
  const notAHeader = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .!?=+*#~_-]{0,40}$/);
  const malformed = fc.oneof(
    // A body promised but not sent: Content-Length longer than what follows.
    fc.record({
      content_length: fc.integer({ min: 1, max: 99_999 }).map(String),
      bad_line: headerName.map((h) => `X-${h}: y`),
    }),
    // A line that is no header at all.
    fc.record({ content_length: fc.constant('0'), bad_line: notAHeader }),
  );

  it('answers malformed INVITEs with 400 and puts them on record as refused calls, nothing else', async () => {
    const kamailio = sipPeer(system);
    for (const keys of fc.sample(malformed, 12)) {
      await sipp('malformed-invite.xml', kamailio.target, ['-m', '1'], {
        caller: '0927000000',
        ...keys,
      }).ok();
    }
    const refused = async () => {
      const client = new pg.Client({ connectionString: system.database.adminUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM calls WHERE caller_number = '+84927000000' AND refused_reason IS NOT NULL`,
        );
        return rows[0]!.n;
      } finally {
        await client.end();
      }
    };
    await expect.poll(refused, { timeout: 30_000 }).toBeGreaterThan(0);
  });
});

describe('afterwards', () => {
  it('holds the same data as before, and a real call is still recorded', async () => {
    expect(await snapshotTables(system.database.adminUrl, undefined, BESIDES_REFUSALS)).toEqual(before);
    const number = '0927000001';
    await dial(sipPeer(system), number, { scenario: 'caller-abandons.xml', args: ['-d', '300'] }).ok();
    await callsRecorded(system.database.adminUrl, number, [number], (c) => c.state === 'abandoned');
  });
});
