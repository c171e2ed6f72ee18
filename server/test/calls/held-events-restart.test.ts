// Events Kamailio keeps while call control is away survive a restart of Kamailio: it writes them to PostgreSQL
// (route[HELD_STORE]), its next run reads them back and hands them to call control, in order, when it connects.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dial, startPhone, waitFor } from '@hcm112/telephony/testing';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { makeUser } from '../support/server.ts';
import { recordedCall, telephonyActions } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack({
  kamailio: { FALLBACK_EXTS: '5301', RING_TIMEOUT_MS: '4000' },
  callControl: false,
  deskPhones: true,
});
const traces = mkdtempSync(join(tmpdir(), 'e112-held-'));
afterAll(() => rmSync(traces, { recursive: true, force: true }));

/** When SIPp sent or received the first message whose first line matches `line` (its -trace_msg log). */
function sippSaw(file: string, line: RegExp): number {
  const blocks = readFileSync(file, 'utf8').split(/^-{20,} /m);
  for (const block of blocks) {
    const [stamp = '', , , first = ''] = block.split('\n');
    // SIPp stamps each message with its local time: "2026-12-06 22:26:31.066839".
    const local = /^(\d{4}-\d\d-\d\d)\s+(\d\d:\d\d:\d\d\.\d{3})/.exec(stamp);
    if (local && line.test(first)) return Date.parse(`${local[1]}T${local[2]}`);
  }
  throw new Error(`no message ${line} in ${file}:\n${readFileSync(file, 'utf8').slice(0, 2000)}`);
}

const heldRows = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM kamailio_held_events`.execute(stack.tdb.db))
    .rows[0]?.n ?? 0;

describe('a restart of Kamailio while call control is away', () => {
  it('keeps the events of a located call answered on the fallback phone, recorded at their true times', {
    timeout: 90_000,
  }, async () => {
    const fallbackUser = await makeUser(stack.tdb.db, 'call-taker', { sipExtension: '5301' });
    const control = await stack.startControl();
    await control.kill();
    const phoneTrace = join(traces, 'phone.log');
    const phone = await startPhone(stack.kamailio, '5301', {
      args: ['-trace_msg', '-message_file', phoneTrace],
    });
    // The caller talks 300 ms after its ACK, then hangs up.
    // A 20 KB location with quotes and backslashes: what Kamailio writes to PostgreSQL must come back whole.
    await dial(stack.kamailio, '0933000301', {
      scenario: 'caller-with-location.xml',
      keys: {
        location: `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>10.8231 106.6297</gml:pos></gml:Point>`,
        note: `Nhà 'số 7' "hẻm" C:\\tmp\\ ${'x'.repeat(20_000)}`,
      },
    }).ok();
    await phone.run.ok();
    const answered = sippSaw(phoneTrace, /^SIP\/2\.0 200 OK/);
    const hungUp = sippSaw(phoneTrace, /^BYE /);
    // fallback, answered, ended (and the phone's registration) are written to PostgreSQL by Kamailio.
    await waitFor(async () => (await heldRows()) >= 3 || undefined, 'the kept events in PostgreSQL');

    await stack.kamailio.restart();
    expect(stack.kamailio.log()).not.toContain('did not answer');
    await stack.startControl();
    const call = await recordedCall(stack.tdb, '0933000301', 'ended');
    expect(call).toMatchObject({ agentUserId: fallbackUser.id, endedBy: 'caller', dialedNumber: '112' });
    expect(call.location).toMatchObject({
      point: { lat: 10.8231, lon: 106.6297 },
      accuracyM: null,
      source: 'pidf-lo',
      shape: { kind: 'point' },
    });
    // The times the fallback phone saw, not those of the replay (seconds later, after a restart).
    expect(Math.abs(Date.parse(call.answeredAt!) - answered)).toBeLessThanOrEqual(50);
    expect(Math.abs(Date.parse(call.endedAt!) - hungUp)).toBeLessThanOrEqual(50);
    expect((await telephonyActions(stack.tdb, call.id)).map((a) => a.action)).toEqual([
      'call.fallback',
      'call.answered',
      'call.ended',
    ]);
    // Handed over, so deleted: a later restart does not replay them again.
    await waitFor(async () => (await heldRows()) === 0 || undefined, 'the kept events deleted');
  });
});
