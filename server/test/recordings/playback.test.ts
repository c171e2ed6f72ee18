// Playback of a stored recording: who may hear it (403 otherwise), each playback and download on the audit log,
// a missing or altered file reported and never played, a call-taker's recall of their last call, and retention
// that deletes the file but keeps the audited index row unless the recording is held.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, Call, CallRecording } from '@hcm112/shared';
import { readChannels, toneCoverage, waitFor, toneCall } from '@hcm112/telephony/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordingOfCall } from '../../src/recordings/repository.ts';
import { callTaker, recordedCall } from '../calls/call-helpers.ts';
import { withCallStack } from '../calls/call-stack.ts';
import type { Client } from '../support/server.ts';

const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;

const stack = withCallStack({
  kamailio: { RING_TIMEOUT_MS: '4000' },
  env: { RECORDING_RETENTION_DAYS: '30', RECORDING_RETENTION_SWEEP_SECONDS: '1' },
});
const dirs: string[] = [];
let call: Call;
let recording: CallRecording;
let taker: Client;

beforeAll(async () => {
  await (
    await toneCall(stack.kamailio, {
      extension: '2301',
      caller: '0909000001',
      callerHz: CALLER_HZ,
      phoneHz: CALLTAKER_HZ,
      callMs: 2000,
      beforeDial: async () => {
        taker = await callTaker(stack, '2301');
      },
    })
  ).finished();
  call = await recordedCall(stack.tdb, '0909000001', 'ended');
  recording = await waitFor(async () => {
    const r = await recordingOfCall(stack.tdb.db, call.id);
    return r?.status === 'ready' ? r : undefined;
  }, 'the call recorded');
}, 90_000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function audited(action: string, actorId: string | null = null) {
  const q = stack.tdb.db
    .selectFrom('audit_log')
    .select(['actor_id', 'actor_name', 'action'])
    .where('target_id', '=', call.id)
    .where('action', '=', action);
  return (actorId ? q.where('actor_id', '=', actorId) : q).execute();
}

async function saved(res: Response, name: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'e112-heard-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

describe('recording playback', () => {
  test('a supervisor plays and a dispatcher downloads the file as stored, each audited', async () => {
    const [supervisor, dispatcher] = await stack.loginEach('supervisor', 'dispatcher');
    const meta = await supervisor.fetch(`/api/calls/${call.id}/recording`);
    expect(meta.status).toBe(200);
    expect(((await meta.json()) as { recording: CallRecording }).recording).toMatchObject({
      status: 'ready',
      sha256: recording.sha256,
    });

    const played = await supervisor.fetch(`/api/calls/${call.id}/recording/audio`);
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toMatch(/^audio\/flac/);
    expect(Buffer.from(await played.arrayBuffer()).equals(readFileSync(recording.path ?? ''))).toBe(true);
    expect(await audited('recording.played', supervisor.user.id)).toHaveLength(1);

    const downloaded = await dispatcher.fetch(`/api/calls/${call.id}/recording/audio?download=1`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?call-[0-9a-f-]+\.flac"?$/,
    );
    const [caller = new Float64Array()] = await readChannels(await saved(downloaded, 'call.flac'), 2);
    expect(toneCoverage(caller, CALLER_HZ, CALLTAKER_HZ)).toBeGreaterThan(0.8);
    expect(await audited('recording.downloaded', dispatcher.user.id)).toHaveLength(1);
  });

  test('without the role: 403 for a call-taker asking for the whole file or for another call-taker’s call', async () => {
    expect((await taker.fetch(`/api/calls/${call.id}/recording/audio`)).status).toBe(403);
    const other = await stack.loginAs('call-taker', { sipExtension: '2302' });
    expect((await other.fetch(`/api/calls/${call.id}/recording`)).status).toBe(403);
    expect((await other.fetch(`/api/calls/${call.id}/recording/recall`)).status).toBe(403);
    const dispatcher = await stack.loginAs('dispatcher');
    expect((await dispatcher.fetch(`/api/calls/${call.id}/recording/recall`)).status).toBe(403);
    expect((await fetch(`${stack.server.url}/api/calls/${call.id}/recording/audio`)).status).toBe(401);
    expect(await audited('recording.played', other.user.id)).toHaveLength(0);
  });

  test('the call-taker replays their last finished call (at most 60 s), audited', async () => {
    const res = await taker.fetch(`/api/calls/${call.id}/recording/recall`);
    expect(res.status).toBe(200);
    const [caller = new Float64Array(), mine = new Float64Array()] = await readChannels(
      await saved(res, 'r.flac'),
      2,
    );
    expect(caller.length / 8000).toBeLessThanOrEqual(60.5);
    // A 2 s call re-encoded: its first and last quarter-seconds are set-up and codec delay.
    expect(toneCoverage(caller, CALLER_HZ, CALLTAKER_HZ)).toBeGreaterThan(0.5);
    expect(toneCoverage(mine, CALLTAKER_HZ, CALLER_HZ)).toBeGreaterThan(0.5);
    expect(await audited('recording.recalled', taker.user.id)).toHaveLength(1);
  });

  test("the console's replay of a call in progress is recorded only for the call-taker's own call while it lasts", async () => {
    const liveRecall = (client: Client, json: unknown) =>
      client.fetch(`/api/calls/${call.id}/recording/live-recall`, { method: 'POST', json });
    const bad = await liveRecall(taker, { seconds: 61 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiError).error.fields).toHaveProperty('seconds');
    // This call has ended: its replay comes from the recording (GET .../recall).
    expect((await liveRecall(taker, { seconds: 30 })).status).toBe(409);
    const other = await stack.loginAs('call-taker', { sipExtension: '2303' });
    expect((await liveRecall(other, { seconds: 30 })).status).toBe(403);
    const dispatcher = await stack.loginAs('dispatcher');
    expect((await liveRecall(dispatcher, { seconds: 30 })).status).toBe(403);
    expect(await audited('recording.recalled-live')).toHaveLength(0);
  });

  test('an altered or missing file is reported with 409 and audited, never played', async () => {
    const supervisor = await stack.loginAs('supervisor');
    const path = recording.path ?? '';
    const original = readFileSync(path);
    const altered = Buffer.from(original);
    altered[altered.length - 10] = (altered[altered.length - 10] ?? 0) ^ 0xff;
    writeFileSync(path, altered);
    const tampered = await supervisor.fetch(`/api/calls/${call.id}/recording/audio`);
    expect(tampered.status).toBe(409);
    expect(((await tampered.json()) as ApiError).error.details).toEqual({ recording: 'tampered' });
    expect(await audited('recording.tampered')).toHaveLength(1);

    renameSync(path, `${path}.away`);
    const missing = await supervisor.fetch(`/api/calls/${call.id}/recording/audio`);
    expect(missing.status).toBe(409);
    expect(((await missing.json()) as ApiError).error.details).toEqual({ recording: 'missing' });
    expect(await audited('recording.missing')).toHaveLength(1);
    writeFileSync(path, original);
    rmSync(`${path}.away`);
    expect(await audited('recording.played', supervisor.user.id)).toHaveLength(0);
  });

  test('retention deletes an old file and keeps the audited row; held or open-incident recordings never expire', async () => {
    const [supervisor, dispatcher] = await stack.loginEach('supervisor', 'dispatcher');
    const hold = (held: boolean) =>
      supervisor.fetch(`/api/calls/${call.id}/recording/hold`, { method: 'PUT', json: { held } });
    expect((await hold(true)).status).toBe(200);
    expect(
      (await supervisor.fetch(`/api/calls/${call.id}/recording/hold`, { method: 'PUT', json: {} })).status,
    ).toBe(400);
    // The call belongs to an open incident.
    const created = await dispatcher.fetch('/api/incidents', {
      method: 'POST',
      json: {
        type: 'fire',
        subtype: 'structure-fire',
        location: { point: { lat: 10.77, lon: 106.7 }, address: 'x' },
      },
    });
    expect(created.status).toBe(201);
    const { incident } = (await created.json()) as { incident: { id: string } };
    expect(
      (
        await dispatcher.fetch(`/api/incidents/${incident.id}/calls`, {
          method: 'POST',
          json: { callId: call.id },
        })
      ).status,
    ).toBe(200);
    // The recording as if made 31 days ago, past the file's 30-day retention.
    await stack.tdb.db
      .updateTable('call_recordings')
      .set({ created_at: new Date(Date.now() - 31 * 86_400_000) })
      .where('call_id', '=', call.id)
      .execute();
    const stillReadyThroughRounds = async () => {
      // Retention rounds run every second: the recording stays through several.
      await new Promise((r) => setTimeout(r, 2500));
      expect((await recordingOfCall(stack.tdb.db, call.id))?.status).toBe('ready');
    };
    await stillReadyThroughRounds();
    expect((await hold(false)).status).toBe(200);
    await stillReadyThroughRounds();

    const closed = await dispatcher.fetch(`/api/incidents/${incident.id}/close`, {
      method: 'POST',
      json: { disposition: 'resolved' },
    });
    expect(closed.status).toBe(200);
    const deleted = await waitFor(async () => {
      const r = await recordingOfCall(stack.tdb.db, call.id);
      return r?.status === 'deleted' ? r : undefined;
    }, 'the recording expired');
    expect(deleted).toMatchObject({ sha256: recording.sha256, path: recording.path });
    expect(deleted.deletedAt).not.toBeNull();
    // The row says deleted before the file goes (a crash in between leaves a stray file, never a row pointing at
    // nothing): the file is gone a moment later.
    await waitFor(
      async () => (existsSync(recording.path ?? '') ? undefined : true),
      'the expired file removed',
    );
    expect(() => readFileSync(recording.path ?? '')).toThrow();
    expect(await audited('recording.held', supervisor.user.id)).toHaveLength(1);
    expect(await audited('recording.released', supervisor.user.id)).toHaveLength(1);
    expect(await audited('recording.expired')).toHaveLength(1);
    const gone = await supervisor.fetch(`/api/calls/${call.id}/recording/audio`);
    expect(gone.status).toBe(409);
    expect(((await gone.json()) as ApiError).error.details).toMatchObject({ recording: 'deleted' });
  });
});
