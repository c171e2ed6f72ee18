// Cheap reachability probes of a camera stream: one RTSP DESCRIBE (no media is set up) or one HTTP GET whose
// body is dropped after the headers.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { StreamKind } from '@hcm112/shared';
import { fetch } from 'undici';
import type { CameraNetworks } from './camera-networks.ts';

/** The status code of an RTSP DESCRIBE, or null when nothing answered in time. */
export async function describeRtsp(url: string, timeoutMs: number): Promise<number | null> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'rtsps:' ? 322 : 554));
  // Credentials never go on the request line; a device that wants them answers 401, which proves it is up.
  const target = `${u.protocol}//${u.host}${u.pathname}${u.search}`;
  return new Promise((resolve) => {
    let answer = '';
    let socket: Socket;
    const done = (status: number | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    const request = `DESCRIBE ${target} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\nUser-Agent: e112-health\r\n\r\n`;
    socket =
      u.protocol === 'rtsps:'
        ? connectTls({ host: u.hostname, port, servername: u.hostname }, () => socket.write(request))
        : connectTcp({ host: u.hostname, port }, () => socket.write(request));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      const line = /^RTSP\/1\.\d (\d{3})/.exec(answer);
      if (line) done(Number(line[1]));
      else if (answer.length > 4096 || answer.includes('\r\n')) done(null);
    });
    socket.on('error', () => done(null));
    socket.on('close', () => done(null));
  });
}

async function getHttp(url: string, timeoutMs: number, networks: CameraNetworks): Promise<boolean> {
  try {
    await networks.assertUrl(url);
    // No redirects: only the camera's own answer counts, and a redirect could point out of the camera networks.
    const res = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
      dispatcher: networks.httpAgent(),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** Whether the camera's stream answers: RTSP 200 (or 401: the device is up but wants credentials), HTTP 2xx. */
export async function probeStream(
  kind: StreamKind,
  url: string,
  timeoutMs: number,
  networks: CameraNetworks,
): Promise<boolean> {
  if (kind === 'rtsp') {
    if (
      !(await networks.assertUrl(url).then(
        () => true,
        () => false,
      ))
    )
      return false;
    const status = await describeRtsp(url, timeoutMs).catch(() => null);
    return status === 200 || status === 401;
  }
  return getHttp(url, timeoutMs, networks);
}
