// Every answered call is recorded after hang-up: SIPp caller and call-taker phone each speak a known tone, and
// the stored file holds the caller's on the left and the call-taker's on the right for the call's length.
// A recordings folder that fails mid-call leaves the call alone, marks it not recorded and alerts the wallboard.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallStats } from '@hcm112/shared';
import { readChannels, toneCoverage, waitFor, toneCall } from '@hcm112/telephony/testing';
import { describe, expect, test } from 'vitest';
import { recordingOfCall } from '../../src/recordings/repository.ts';
import { callTaker, recordedCall } from '../calls/call-helpers.ts';
import { withCallStack } from '../calls/call-stack.ts';

const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;
const CALL_MS = 3000;

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '4000' } });
/** A call from `caller` answered by `extension`, both speaking their tone; `midCall` runs once it is answered. */
async function recordedToneCall(extension: string, caller: string, midCall?: () => Promise<void>) {
  const call = await toneCall(stack.kamailio, {
    extension,
    caller,
    callerHz: CALLER_HZ,
    phoneHz: CALLTAKER_HZ,
    callMs: CALL_MS,
    beforeDial: () => callTaker(stack, extension),
  });
  if (midCall) {
    await recordedCall(stack.tdb, caller, 'answered');
    await midCall();
  }
  await call.finished();
  return recordedCall(stack.tdb, caller, 'ended');
}

const recordingOf = (callId: string) =>
  waitFor(() => recordingOfCall(stack.tdb.db, callId), `the recording row of call ${callId}`, 30_000);

async function auditActions(callId: string): Promise<string[]> {
  const rows = await stack.tdb.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', callId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('recording of an answered call', () => {
  test('one two-channel file holds the caller (left) and the call-taker (right) for the call, indexed', {
    timeout: 90_000,
  }, async () => {
    const call = await recordedToneCall('2201', '0908000001');
    const recording = await recordingOf(call.id);
    expect(recording).toMatchObject({ status: 'ready', reason: null, held: false });
    const path = recording.path ?? '';
    expect(path.startsWith(join(stack.recordingDir, 'calls'))).toBe(true);
    expect(path.endsWith(`${call.id}.flac`)).toBe(true);
    const bytes = readFileSync(path);
    expect(recording.sizeBytes).toBe(bytes.length);
    expect(recording.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    // SIPp talks for CALL_MS after the answer; the file lasts that long (give or take the set-up).
    expect(recording.durationMs).toBeGreaterThan(CALL_MS - 500);
    expect(recording.durationMs).toBeLessThan(CALL_MS + 2000);

    const [caller = new Float64Array(), callTakerSide = new Float64Array()] = await readChannels(path, 2);
    expect(caller.length / 8).toBeGreaterThan(CALL_MS - 500);
    // Most quarter-seconds of each channel hold that party's tone and not the other's.
    expect(toneCoverage(caller, CALLER_HZ, CALLTAKER_HZ)).toBeGreaterThan(0.8);
    expect(toneCoverage(callTakerSide, CALLTAKER_HZ, CALLER_HZ)).toBeGreaterThan(0.8);

    // The capture is removed once stored; the storing is on the audit log.
    expect(readdirSync(join(stack.recordingDir, 'rtpengine', 'pcaps'))).toEqual([]);
    expect(await auditActions(call.id)).toContain('recording.stored');
  });

  test('a recordings folder that fails mid-call leaves the call up, marks it not recorded and alerts', {
    timeout: 90_000,
  }, async () => {
    const store = join(stack.recordingDir, 'calls');
    const supervisor = await stack.loginAs('supervisor');
    const stats = async () => (await (await supervisor.fetch('/api/calls/stats')).json()) as CallStats;
    const before = await stats();
    expect(before.recordingStore).toBe('ok');

    // A file where the folder should be: nothing can be written there, even by root.
    const call = await recordedToneCall('2202', '0908000002', async () => {
      rmSync(store, { recursive: true, force: true });
      writeFileSync(store, 'not a folder');
    });
    // The caller hung up after talking; the call was never cut short.
    expect(call).toMatchObject({ state: 'ended', endedBy: 'caller' });
    const recording = await recordingOf(call.id);
    expect(recording).toMatchObject({ status: 'not-recorded', reason: 'store-failed', path: null });
    expect(await auditActions(call.id)).toContain('recording.not-recorded');

    const after = await stats();
    expect(after.notRecordedToday).toBe(before.notRecordedToday + 1);
    expect(after.recordingStore).toBe('unwritable');
    rmSync(store, { force: true });
    expect((await stats()).recordingStore).toBe('ok');
    expect(statSync(store).isDirectory()).toBe(true);
  });

  test('a capture lost mid-call (its pcap removed) leaves the call up and marks it not recorded', {
    timeout: 90_000,
  }, async () => {
    const pcaps = join(stack.recordingDir, 'rtpengine', 'pcaps');
    const call = await recordedToneCall('2203', '0908000003', async () => {
      for (const name of readdirSync(pcaps)) rmSync(join(pcaps, name));
    });
    expect(call).toMatchObject({ state: 'ended', endedBy: 'caller' });
    const recording = await recordingOf(call.id);
    expect(recording).toMatchObject({ status: 'not-recorded', reason: 'no-media-captured', path: null });
    expect(await auditActions(call.id)).toContain('recording.not-recorded');
  });
});
