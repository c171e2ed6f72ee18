// What the SIP edge accepts and refuses, seen by SIPp: location by value up to 64 KB, the four emergency
// numbers and nothing else, malformed requests answered with 400, floods limited without blocking a first
// emergency call, and a browser phone over WebSocket.
import {
  dial,
  sipp,
  startCallControl,
  startKamailio,
  startPhone,
  unregisterPhones,
} from '@hcm112/telephony/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../support/server.ts';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';
import { startWsPhone } from './ws-phone.ts';

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '4000' } });

let desk: Client;

beforeAll(async () => {
  desk = await callTaker(stack, '7001', false);
});

// Each test's phone unregisters after it, which makes its call-taker not ready: they choose ready again.
beforeEach(async () => {
  const res = await desk.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
  expect(res.status).toBe(200);
});

const circle = (lat: number, lon: number, radius: number) =>
  `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${lat} ${lon}</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9001">${radius}</gs:radius></gs:Circle>`;
const point = (lat: number, lon: number) =>
  `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${lat} ${lon}</gml:pos></gml:Point>`;

describe('caller location (RFC 6442 by value)', () => {
  it.each([
    ['a circle over UDP', 'u1', circle(10.7769, 106.7009, 35), { lat: 10.7769, lon: 106.7009 }, 35],
    ['a point over TCP', 't1', point(10.8231, 106.6297), { lat: 10.8231, lon: 106.6297 }, null],
  ])('stores %s from a 60 KB PIDF-LO body in the call', async (_name, transport, shape, expected, radius) => {
    const caller = transport === 'u1' ? '0944000001' : '0944000002';
    const phone = await startPhone(stack.kamailio, '7001');
    await dial(stack.kamailio, caller, {
      scenario: 'caller-with-location.xml',
      args: ['-t', transport],
      keys: { location: shape, note: 'x'.repeat(59_000) },
    }).ok();
    await phone.run.ok();
    const call = await recordedCall(stack.tdb, caller, 'ended');
    expect(call.location).toMatchObject({
      point: expected,
      accuracyM: radius,
      source: 'pidf-lo',
      method: 'gps',
    });
    expect(call.location?.shape?.kind).toBe(radius === null ? 'point' : 'circle');
    const row = await stack.tdb.db
      .selectFrom('calls')
      .select('location_raw')
      .where('id', '=', call.id)
      .executeTakeFirstOrThrow();
    expect(row.location_raw?.length).toBeGreaterThan(59_000);
    expect(row.location_raw).toContain('<cid:loc1@127.0.0.1>');
  });
});

describe('numbers', () => {
  it('takes 113, 114 and 115 into the same intake, recording the service asked for', async () => {
    const phone = await startPhone(stack.kamailio, '7001');
    await dial(stack.kamailio, '0944000115', { service: '115' }).ok();
    await phone.run.ok();
    expect((await recordedCall(stack.tdb, '0944000115', 'ended')).service).toBe('115');
  });

  it('refuses an INVITE to any other number with 404', async () => {
    await sipp('caller-not-served.xml', stack.kamailio.target, ['-s', '1080', '-m', '1'], {
      caller: '0944000404',
    }).ok();
    const rows = await stack.tdb.db
      .selectFrom('calls')
      .select('id')
      .where('caller_number', '=', '+84944000404')
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('malformed requests', () => {
  it.each([
    ['a Content-Length longer than the body', { content_length: '500', bad_line: 'X-Test: length' }],
    ['a line the SIP parser cannot read', { content_length: '0', bad_line: 'This is not a header' }],
  ])('answers %s with 400, and the next call still works', async (_name, keys) => {
    await sipp('malformed-invite.xml', stack.kamailio.target, ['-m', '1'], {
      caller: '0944000400',
      ...keys,
    }).ok();
    const phone = await startPhone(stack.kamailio, '7001');
    await dial(stack.kamailio, '0944000401').ok();
    await phone.run.ok();
    await recordedCall(stack.tdb, '0944000401', 'ended');
  });
});

describe('SIP over WebSocket', () => {
  it('registers a browser phone and delivers the call to it over the WebSocket', async () => {
    const taker = await callTaker(stack, '7101');
    const phone = startWsPhone(stack.kamailio, '7101');
    expect(await phone.registered).toBe(200);
    await dial(stack.kamailio, '0944000777').ok();
    expect(await phone.done).toEqual([
      expect.stringMatching(/^INVITE /),
      expect.stringMatching(/^ACK /),
      expect.stringMatching(/^BYE /),
    ]);
    phone.close();
    const call = await recordedCall(stack.tdb, '0944000777', 'ended');
    expect(call.agentUserId).toBe(taker.user.id);
  });
});

describe('floods', () => {
  // Its own Kamailio (and the one call control of this test's Redis prefix): once the flood limit blocks
  // 127.0.0.1, phones there cannot register for a while.
  it('refuses a flood from one source but still answers a first emergency call from it', {
    timeout: 60_000,
  }, async () => {
    await stack.control?.stop();
    const edge = await startKamailio({ RING_TIMEOUT_MS: '4000', CALLER_BURST: '3' });
    const flooded = await startCallControl(
      edge,
      stack.server.ctx.config.REDIS_URL,
      stack.server.ctx.config.REDIS_PREFIX,
    );
    try {
      // One number calling again and again is limited beyond its first calls (which wait, then hang up).
      const burst = [1, 2, 3, 4, 5].map(() =>
        dial(edge, '0944000912', { scenario: 'caller-abandons.xml', args: ['-d', '1000'] }),
      );
      const results = await Promise.allSettled(burst.map((b) => b.ok()));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      for (const r of results)
        if (r.status === 'rejected') expect(String(r.reason)).toMatch(/503 Too many calls from this number/);

      // A source flooding OPTIONS is refused, while an emergency call from the same address is answered.
      const phone = await startPhone(edge, '7001');
      const flood = sipp('options-flood.xml', edge.target, ['-m', '400', '-r', '200']);
      await new Promise((r) => setTimeout(r, 500));
      await dial(edge, '0944000911').ok();
      await phone.run.ok();
      await expect(flood.ok()).rejects.toThrow(/503 Service Unavailable/);
      await recordedCall(stack.tdb, '0944000911', 'ended');
    } finally {
      await unregisterPhones(edge).catch(() => undefined);
      await flooded.stop();
      await edge.stop();
    }
  });
});
