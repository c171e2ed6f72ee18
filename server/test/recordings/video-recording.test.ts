// The caller's video is recorded with the call: a phone that consented publishes VP8 through a real rtpengine,
// the call ends, and the recordings worker stores the frames as a WebM indexed as the call's video recording; a
// link whose video rtpengine never captured is marked not recorded with the reason.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CallRecording, CallerLink } from '@hcm112/shared';
import { startRtpengine, waitFor } from '@hcm112/telephony/testing';
import { afterAll, expect, it } from 'vitest';
import { endCallerVideo } from '../../src/caller-links/video.ts';
import { makeVideoRecording } from '../../src/recordings/video-service.ts';
import { videoRecordingsOfCall } from '../../src/recordings/repository.ts';
import { answeredCall } from '../support/answered-call.ts';
import { withServer } from '../support/server-stack.ts';
import type { Client } from '../support/server.ts';

const run = promisify(execFile);
const relay = await startRtpengine();
await relay.start();
const storeDir = mkdtempSync(join(tmpdir(), 'e112-video-store-'));
afterAll(async () => {
  await relay.remove();
  rmSync(storeDir, { recursive: true, force: true });
});
const stack = withServer({
  env: {
    RTPENGINE_NG: `127.0.0.1:${relay.ngPort}`,
    RECORDING_DIR: relay.recordingDir,
    RECORDING_STORE_DIR: storeDir,
    RECORDING_SETTLE_SECONDS: '2',
  },
});

let seq = 0;
async function callInHand(callTaker: Client) {
  return answeredCall(stack.tdb.db, callTaker.user.id, {
    sipCallId: `video-${seq++}-${Date.now()}@test`,
    callerNumber: `+8490777${String(1000 + seq)}`,
  });
}

/** The caller's phone: opens the link, consents, and offers plain RTP VP8 (what rtpengine then relays). */
async function consentingPhone(callTaker: Client, callId: string) {
  const res = await callTaker.fetch(`/api/calls/${callId}/caller-link`, { method: 'POST', json: {} });
  const { link } = (await res.json()) as { link: CallerLink };
  const opened = await fetch(link.url);
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const token = link.url.split('/l/')[1];
  const post = (path: string, body: unknown) =>
    fetch(`${stack.server.url}/api/link/${token}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.server.url, cookie },
      body: JSON.stringify(body),
    });
  expect((await post('video/consent', {})).status).toBe(201);
  return { link, post };
}

const endCall = async (callId: string) => {
  await stack.tdb.db
    .updateTable('calls')
    .set({ state: 'ended', ended_at: new Date() })
    .where('id', '=', callId)
    .execute();
  await endCallerVideo(stack.server.ctx, callId);
};

it("stores the phone's VP8 frames as the call's video recording once the call ends", async () => {
  const callTaker = await stack.loginAs('call-taker');
  const call = await callInHand(callTaker);
  const { link, post } = await consentingPhone(callTaker, call.id);
  const sdp = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=video 9 RTP/AVP 96',
    'a=rtpmap:96 VP8/90000',
    'a=sendonly',
    '',
  ].join('\r\n');
  const offer = await post('video/offer', { sdp });
  expect(offer.status).toBe(201);
  const answer = ((await offer.json()) as { sdp: string }).sdp;
  const port = Number(/m=video (\d+)/.exec(answer)?.[1]);
  // Two seconds of a test pattern, 15 frames a second, as a phone's camera would send it.
  await run(
    'ffmpeg',
    ['-v', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-t', '2'].concat([
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-g',
      '30',
      '-payload_type',
      '96',
      '-f',
      'rtp',
      `rtp://127.0.0.1:${port}`,
    ]),
  );
  await endCall(call.id);

  const [recording] = await waitFor(
    async () => {
      const rows = await videoRecordingsOfCall(stack.tdb.db, call.id);
      return rows.length ? rows : undefined;
    },
    'the video recording row',
    30_000,
  );
  expect(recording).toMatchObject({ kind: 'video', linkId: link.id, status: 'ready', reason: null });
  expect(recording?.path).toBe(join(storeDir, (recording?.startedAt ?? '').slice(0, 10), `${link.id}.webm`));
  const probed = JSON.parse(
    execFileSync(
      'ffprobe',
      ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,width,nb_read_frames'].concat([
        '-of',
        'json',
        recording?.path ?? '',
      ]),
      { encoding: 'utf8' },
    ),
  ) as { streams: Array<{ codec_name: string; width: number; nb_read_frames: string }> };
  expect(probed.streams[0]).toMatchObject({ codec_name: 'vp8', width: 320 });
  expect(Number(probed.streams[0]?.nb_read_frames)).toBeGreaterThan(0);
  expect(recording?.durationMs).toBeGreaterThan(0);

  // The call's own audio index is untouched by the video row, and a second job for the link changes nothing.
  expect((await callTaker.fetch(`/api/calls/${call.id}/recording`)).status).toBe(404);
  const again: CallRecording = await makeVideoRecording(stack.server.ctx, call.id, link.id);
  expect(again.id).toBe(recording?.id);
  const index = await callTaker.fetch(`/api/calls/${call.id}/video-recordings`);
  expect(((await index.json()) as { recordings: CallRecording[] }).recordings.map((r) => r.id)).toEqual([
    recording?.id,
  ]);
});

it('marks a video rtpengine never captured as not recorded, with the reason, and audits it', async () => {
  const callTaker = await stack.loginAs('call-taker');
  const call = await callInHand(callTaker);
  const { link } = await consentingPhone(callTaker, call.id);
  const row = await makeVideoRecording(stack.server.ctx, call.id, link.id);
  expect(row).toMatchObject({
    kind: 'video',
    status: 'not-recorded',
    reason: 'no-media-captured',
    path: null,
  });
  const audit = await stack.tdb.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', call.id)
    .execute();
  expect(audit.map((a) => a.action)).toContain('recording.not-recorded');
});
