// Cameras that already speak HTTP (MJPEG, snapshot) are proxied, so the browser needs only its session and
// never reaches, or learns the address and credentials of, the camera itself.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { type Dispatcher, fetch } from 'undici';
import { Unavailable } from '../errors.ts';
import type { CameraNetworks } from '../cameras/camera-networks.ts';
import type { Logger } from '../logger.ts';

const SNAPSHOT_TIMEOUT_MS = 10_000;
const SNAPSHOT_MAX_BYTES = 10 * 1024 * 1024;
const MJPEG_CONNECT_TIMEOUT_MS = 10_000;

/** All a viewer learns of a failure; what went wrong (which may name internal hosts) goes to the log. */
export const CAMERA_UNREACHABLE = 'camera unreachable';

/** How the proxies reach a camera: through an agent that connects only into the camera networks. */
export interface CameraFetch {
  networks: CameraNetworks;
  dispatcher: Dispatcher;
  log: Logger;
}

/** The agent checks names it resolves; an address literal is never looked up, so it is checked here first. */
async function assertCamera(url: string, via: CameraFetch): Promise<void> {
  await via.networks.assertUrl(url).catch((err: unknown) => {
    throw unreachable(via, err);
  });
}

function unreachable(via: CameraFetch, reason: unknown): Unavailable {
  via.log.warn({ reason: reason instanceof Error ? reason.message : String(reason) }, 'camera unreachable');
  return new Unavailable(CAMERA_UNREACHABLE);
}

/** The camera's current still picture, fetched through the camera-network agent; Unavailable when none. */
export async function fetchSnapshot(
  url: string,
  via: CameraFetch,
): Promise<{ type: string; picture: Buffer }> {
  await assertCamera(url, via);
  // A redirect is not followed: it could point anywhere, past the camera-network check.
  const upstream = await fetch(url, {
    signal: AbortSignal.timeout(SNAPSHOT_TIMEOUT_MS),
    redirect: 'manual',
    dispatcher: via.dispatcher,
  }).catch((err: unknown) => {
    throw unreachable(via, (err as Error & { cause?: unknown }).cause ?? err);
  });
  const type = upstream.headers.get('content-type') ?? '';
  if (!upstream.ok || !type.startsWith('image/')) {
    await upstream.body?.cancel();
    throw unreachable(via, `no picture: ${upstream.status} ${type}`);
  }
  const picture = Buffer.from(await upstream.arrayBuffer());
  if (picture.length > SNAPSHOT_MAX_BYTES) throw unreachable(via, 'picture too large');
  return { type, picture };
}

export async function proxySnapshot(url: string, res: Response, via: CameraFetch): Promise<void> {
  const { type, picture } = await fetchSnapshot(url, via);
  res.set({ 'content-type': type, 'cache-control': 'no-store' }).send(picture);
}

/** Pipes the camera's multipart stream until the viewer leaves; then the upstream request is aborted. */
export async function proxyMjpeg(url: string, req: Request, res: Response, via: CameraFetch): Promise<void> {
  await assertCamera(url, via);
  const abort = new AbortController();
  const connectTimer = setTimeout(() => abort.abort(), MJPEG_CONNECT_TIMEOUT_MS);
  res.once('close', () => abort.abort());
  const upstream = await fetch(url, { signal: abort.signal, redirect: 'manual', dispatcher: via.dispatcher })
    .catch((err: unknown) => {
      throw unreachable(via, (err as Error & { cause?: unknown }).cause ?? err);
    })
    .finally(() => clearTimeout(connectTimer));
  const type = upstream.headers.get('content-type') ?? '';
  if (!upstream.ok || !upstream.body || !type.startsWith('multipart/')) {
    await upstream.body?.cancel();
    throw unreachable(via, `no MJPEG stream: ${upstream.status} ${type}`);
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  await pipeline(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream), res).catch(
    () => {
      // The viewer left or the camera dropped: either way this response is over.
      if (!req.destroyed) res.destroy();
    },
  );
}
