// Location by reference (RFC 6753): a caller's Geolocation header carries an https: URI, which call control
// dereferences with HELD (RFC 5985) at the carrier's location server (a real HTTPS server with a self-signed
// certificate, trusted through HELD_CA_FILE), at arrival and when the call-taker asks to refresh. A server that
// hangs, answers garbage or is not configured leaves an unusable entry in the history and the call goes on.
import type { CallLocationHistory } from '@hcm112/shared';
import { dial, startHeldServer, waitFor } from '@hcm112/telephony/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const held = await startHeldServer();
const stack = withCallStack({
  callControlEnv: {
    HELD_SERVERS: held.origin,
    HELD_CA_FILE: held.caFile,
    HELD_TIMEOUT_MS: '400',
    HELD_RETRIES: '1',
  },
});
afterAll(() => held.stop());

const pidf = (lat: number, radius: number) => `<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
  xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" entity="pres:caller@carrier">
  <tuple id="t"><status><gp:geopriv><gp:location-info>
    <gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${lat} 106.7009</gml:pos>
      <gs:radius uom="urn:ogc:def:uom:EPSG::9001">${radius}</gs:radius></gs:Circle>
  </gp:location-info><gp:usage-rules/><gp:method>Cell</gp:method></gp:geopriv></status></tuple>
</presence>`;

async function callReferencing(caller: string, uri: string) {
  await dial(stack.kamailio, caller, {
    scenario: 'caller-located-by-reference-abandons.xml',
    args: ['-d', '200'],
    keys: { geolocation: uri },
  }).ok();
  return recordedCall(stack.tdb, caller, 'abandoned');
}

let supervisor: Awaited<ReturnType<typeof stack.loginAs>> | undefined;

async function historyWith(callId: string, entries: number): Promise<CallLocationHistory> {
  supervisor ??= await stack.loginAs('supervisor');
  return waitFor(async () => {
    const res = await supervisor?.fetch(`/api/calls/${callId}/locations`);
    const history = (await res?.json()) as CallLocationHistory;
    return history.fixes.length >= entries ? history : undefined;
  }, `${entries} locations in the call's history`);
}

describe('location by reference (HELD)', () => {
  test('dereferences the caller’s https: URI at arrival, and again on refresh', async () => {
    held.answer('/loc/a1', { pidf: pidf(10.7769, 150) });
    const call = await callReferencing('0907200001', `${held.origin}/loc/a1`);
    const first = await historyWith(call.id, 1);
    expect(first.fixes[0]).toMatchObject({
      source: 'held',
      problem: null,
      location: { point: { lat: 10.7769, lon: 106.7009 }, accuracyM: 150, method: 'Cell' },
    });
    expect(first.choice?.reason).toBe('only');

    held.answer('/loc/a1', { pidf: pidf(10.778, 40) });
    const taker = await stack.loginAs('call-taker');
    const res = await taker.fetch(`/api/calls/${call.id}/locations/refresh`, { method: 'POST', json: {} });
    expect(res.status).toBe(202);
    const second = await historyWith(call.id, 2);
    expect(second.fixes.map((f) => f.location?.accuracyM)).toEqual([150, 40]);
    expect(second.choice).toEqual({ fixId: second.fixes[1]?.id, reason: 'newest' });
    const after = (await (await taker.fetch(`/api/calls/${call.id}`)).json()) as {
      call: { location: unknown };
    };
    expect(after.call.location).toMatchObject({ source: 'held', accuracyM: 40 });
  });

  test('a location server that hangs, or answers garbage, is recorded as unusable and the call goes on', async () => {
    held.answer('/loc/hangs', 'hang');
    held.answer('/loc/garbage', 'garbage');
    const hung = await callReferencing('0907200002', `${held.origin}/loc/hangs`);
    const garbled = await callReferencing('0907200003', `${held.origin}/loc/garbage`);
    const h1 = await historyWith(hung.id, 1);
    expect(h1.fixes[0]).toMatchObject({ source: 'held', location: null });
    expect(h1.fixes[0]?.problem).toMatch(/did not answer: timed out/);
    // One try and one retry.
    expect(held.requests.filter((p) => p === '/loc/hangs')).toHaveLength(2);
    const h2 = await historyWith(garbled.id, 1);
    expect(h2.fixes[0]?.problem).toMatch(/^malformed PIDF-LO XML/);
    expect(hung.state).toBe('abandoned');
  });

  test('a URI on a server that is not configured is never fetched', async () => {
    const call = await callReferencing('0907200004', 'https://127.0.0.1:9/loc/elsewhere');
    const history = await historyWith(call.id, 1);
    expect(history.fixes[0]?.problem).toBe(
      'location server https://127.0.0.1:9 is not configured (HELD_SERVERS)',
    );
    const taker = await stack.loginAs('call-taker');
    const other = await callReferencing('0907200005', 'sip:not-a-reference@x');
    const res = await taker.fetch(`/api/calls/${other.id}/locations/refresh`, { method: 'POST', json: {} });
    expect(res.status).toBe(409);
  });
});
