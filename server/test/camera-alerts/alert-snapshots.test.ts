// The picture of the moment of detection: when an analytics alert is raised the server takes the camera's
// picture (a still camera's own, or a frame of its video stream) and keeps it with the alert for dispatchers.
import type { AlertSourceWithSecret, Camera, CameraAlert } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { signAnalytics } from '../../src/camera-alerts/signature.ts';
import type { Client } from '../support/server.ts';
import { withCameraStack } from '../support/camera-stack.ts';
import { addCamera } from '../support/cameras.ts';

const stack = withCameraStack({ sources: { rtsp: ['street'], mjpeg: ['market'], snapshot: ['gate'] } });
let adm: Client;
let dsp: Client;
let ct: Client;
let source: AlertSourceWithSecret;
beforeAll(async () => {
  [adm, dsp, ct] = await stack.loginEach('admin', 'dispatcher', 'call-taker');
  const created = await adm.fetch('/api/alert-sources', { method: 'POST', json: { name: 'vms-snapshots' } });
  source = (await created.json()) as AlertSourceWithSecret;
});

let second = 0;
async function raise(camera: Camera, kind = 'accident'): Promise<CameraAlert> {
  const raw = JSON.stringify({
    cameraCode: camera.code,
    kind,
    at: new Date(Date.now() + second++ * 1000).toISOString(),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${stack.server.url}/api/analytics/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-analytics-source': source.source.name,
      'x-analytics-timestamp': String(timestamp),
      'x-analytics-signature': signAnalytics(source.secret, timestamp, raw),
    },
    body: raw,
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { alert: CameraAlert }).alert;
}

async function alertNow(id: string): Promise<CameraAlert | undefined> {
  const { alerts } = (await (await dsp.fetch('/api/alerts?status=all')).json()) as { alerts: CameraAlert[] };
  return alerts.find((a) => a.id === id);
}

/** Waits (bounded) until the alert says it has its picture. */
async function withPicture(id: string): Promise<CameraAlert> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const alert = await alertNow(id);
    if (alert?.snapshotAt) return alert;
    if (Date.now() > deadline) throw new Error('the alert got no picture within 40 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function picture(client: Client, id: string) {
  const res = await client.fetch(`/api/alerts/${id}/snapshot`);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

const isJpeg = (b: Buffer) => b[0] === 0xff && b[1] === 0xd8;

describe('the picture kept with a camera alert', () => {
  it("keeps a still camera's picture, serves it to dispatchers (audited) and not to call-takers", async () => {
    const camera = await addCamera(adm, {
      streamKind: 'snapshot',
      streamUrl: stack.sources.urls.snapshot.gate,
    });
    const raised = await raise(camera);
    expect(raised.snapshotAt).toBeNull();
    const alert = await withPicture(raised.id);
    expect(new Date(alert.snapshotAt!).getTime()).toBeGreaterThanOrEqual(
      new Date(raised.firstAt).getTime() - 60_000,
    );
    const got = await picture(dsp, alert.id);
    expect(got.status).toBe(200);
    expect(got.type).toMatch(/^image\//);
    expect(got.body.length).toBeGreaterThan(100);
    expect((await picture(ct, alert.id)).status).toBe(403);
    const audit = await listAudit(stack.tdb.db, { targetId: alert.id, limit: 100 });
    expect(audit.map((a) => a.action)).toContain('alert.snapshot.view');
  });

  it('takes a frame of an RTSP camera and of an MJPEG camera as a JPEG', async () => {
    const rtsp = await addCamera(adm, { streamKind: 'rtsp', streamUrl: stack.sources.urls.rtsp.street });
    const mjpeg = await addCamera(adm, { streamKind: 'mjpeg', streamUrl: stack.sources.urls.mjpeg.market });
    const [a, b] = await Promise.all([raise(rtsp, 'smoke-fire'), raise(mjpeg, 'crowd')]);
    for (const raised of [a, b]) {
      await withPicture(raised.id);
      const got = await picture(dsp, raised.id);
      expect(got.status).toBe(200);
      expect(got.type).toBe('image/jpeg');
      expect(isJpeg(got.body)).toBe(true);
    }
  });

  it('keeps the first moment: an event folded into the alert takes no new picture', async () => {
    const camera = await addCamera(adm, {
      streamKind: 'snapshot',
      streamUrl: stack.sources.urls.snapshot.gate,
    });
    const first = await withPicture((await raise(camera, 'congestion')).id);
    const folded = await raise(camera, 'congestion');
    expect(folded.id).toBe(first.id);
    expect(folded.count).toBe(2);
    expect(folded.snapshotAt).toBe(first.snapshotAt);
  });

  it('answers 404 for an alert whose camera has no stream', async () => {
    const still = await addCamera(adm, {
      streamKind: 'snapshot',
      streamUrl: stack.sources.urls.snapshot.gate,
    });
    const dark = await addCamera(adm);
    const none = await raise(dark, 'stopped-vehicle');
    // Raised after the dark camera's alert: once this one has its picture, the other had its turn.
    await withPicture((await raise(still, 'stopped-vehicle')).id);
    expect((await alertNow(none.id))?.snapshotAt).toBeNull();
    expect((await picture(dsp, none.id)).status).toBe(404);
  });
});
