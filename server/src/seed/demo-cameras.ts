// The demo's live cameras: which test sources infra/camera-sources.sh runs, which seeded cameras near the
// city centre show them, and the demo analytics source with its known secret.
import { createHmac } from 'node:crypto';
import type { GeoPoint, StreamKind } from '@hcm112/shared';
import * as turf from '@turf/turf';

/** Ports the demo camera sources listen on (loopback). */
export const DEMO_SOURCE_PORTS = Object.freeze({ rtsp: 8554, publish: 8553, rtp: 20_000, http: 8556 });

export const DEMO_SOURCE_NAMES = Object.freeze({
  rtsp: ['demo-1', 'demo-2', 'demo-3', 'demo-4'],
  hls: ['demo-hls'],
  mjpeg: ['demo-mjpeg'],
  snapshot: ['demo-snapshot'],
});

/** The longest range of a demo camera; the live ones have it. */
const DEMO_LIVE_RANGE_M = 250;

/** Bến Thành market: the demo's live cameras are the ones nearest to it. */
export const DEMO_CENTRE: GeoPoint = { lat: 10.7725, lon: 106.698 };

function urlOf(kind: StreamKind, name: string): string {
  const http = `http://127.0.0.1:${DEMO_SOURCE_PORTS.http}`;
  if (kind === 'rtsp') return `rtsp://127.0.0.1:${DEMO_SOURCE_PORTS.rtsp}/${name}`;
  if (kind === 'hls') return `${http}/hls/${name}/index.m3u8`;
  if (kind === 'mjpeg') return `${http}/mjpeg/${name}`;
  return `${http}/snapshot/${name}.jpg`;
}

/** Every demo source as the stream of one camera, nearest the centre first. */
export function demoStreams(): Array<{ streamKind: StreamKind; streamUrl: string }> {
  return (['rtsp', 'hls', 'mjpeg', 'snapshot'] as const).flatMap((kind) =>
    DEMO_SOURCE_NAMES[kind].map((name) => ({ streamKind: kind, streamUrl: urlOf(kind, name) })),
  );
}

/**
 * Gives the cameras nearest the centre the demo streams, as PTZ cameras at their longest demo range so an
 * incident anywhere around the market surfaces live feeds; the others have none.
 */
export function attachDemoStreams<T extends { point: GeoPoint; ptz: boolean; rangeM: number }>(
  cameras: T[],
): Array<T & { streamKind: StreamKind | null; streamUrl: string | null }> {
  const centre = turf.point([DEMO_CENTRE.lon, DEMO_CENTRE.lat]);
  const byDistance = cameras
    .map((c, i) => ({ i, d: turf.distance(centre, turf.point([c.point.lon, c.point.lat])) }))
    .sort((a, b) => a.d - b.d);
  const streams = demoStreams();
  const streamOf = new Map(
    byDistance
      .slice(0, streams.length)
      .map((x, k) => [x.i, { ...streams[k]!, ptz: true, rangeM: DEMO_LIVE_RANGE_M }]),
  );
  return cameras.map((c, i) => ({ ...c, streamKind: null, streamUrl: null, ...streamOf.get(i) }));
}

/**
 * The demo analytics source: its secret is derived, so the seed can print it and a demo script sign with it.
 * The key is key material, never shown or sent: it keeps its first value because demo databases seeded
 * before hold the secret derived from it, and a new value would lock the demo sender out of them.
 */
export const DEMO_ANALYTICS_SOURCE = Object.freeze({
  name: 'demo-analytics',
  secret: createHmac('sha256', 'hcm112-demo-analytics').update('demo-analytics').digest('base64url'),
});
