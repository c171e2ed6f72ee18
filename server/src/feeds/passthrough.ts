// Cameras that already speak HTTP (MJPEG, snapshot) are proxied, so the browser needs only its session and
// never reaches, or learns the address and credentials of, the camera itself.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { Unavailable } from '../errors.ts';

const SNAPSHOT_TIMEOUT_MS = 10_000;
const SNAPSHOT_MAX_BYTES = 10 * 1024 * 1024;
const MJPEG_CONNECT_TIMEOUT_MS = 10_000;

export async function proxySnapshot(url: string, res: Response): Promise<void> {
  let upstream: globalThis.Response;
  try {
    upstream = await fetch(url, { signal: AbortSignal.timeout(SNAPSHOT_TIMEOUT_MS) });
  } catch {
    throw new Unavailable('the camera did not answer');
  }
  const type = upstream.headers.get('content-type') ?? '';
  if (!upstream.ok || !type.startsWith('image/')) {
    await upstream.body?.cancel();
    throw new Unavailable(`the camera gave no picture (${upstream.status} ${type})`);
  }
  const picture = Buffer.from(await upstream.arrayBuffer());
  if (picture.length > SNAPSHOT_MAX_BYTES) throw new Unavailable('the camera picture is too large');
  res.set({ 'content-type': type, 'cache-control': 'no-store' }).send(picture);
}

/** Pipes the camera's multipart stream until the viewer leaves; then the upstream request is aborted. */
export async function proxyMjpeg(url: string, req: Request, res: Response): Promise<void> {
  const abort = new AbortController();
  const connectTimer = setTimeout(() => abort.abort(), MJPEG_CONNECT_TIMEOUT_MS);
  res.once('close', () => abort.abort());
  let upstream: globalThis.Response;
  try {
    upstream = await fetch(url, { signal: abort.signal });
  } catch {
    throw new Unavailable('the camera did not answer');
  } finally {
    clearTimeout(connectTimer);
  }
  const type = upstream.headers.get('content-type') ?? '';
  if (!upstream.ok || !upstream.body || !type.startsWith('multipart/')) {
    await upstream.body?.cancel();
    throw new Unavailable(`the camera gave no MJPEG stream (${upstream.status} ${type})`);
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  await pipeline(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream), res).catch(
    () => {
      // The viewer left or the camera dropped: either way this response is over.
      if (!req.destroyed) res.destroy();
    },
  );
}
