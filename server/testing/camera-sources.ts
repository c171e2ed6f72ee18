// Real test cameras for server and whole-system tests: the project's camera-sources command (ffmpeg test
// patterns behind an RTSP relay, plus HTTP cameras) on free ports, in its own process group, stopped by its PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { freePort } from '@hcm112/telephony/testing';

const TSX = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
const COMMAND = resolve(import.meta.dirname, '../src/camera-sources/command.ts');

export interface SourceUrls {
  rtsp: Record<string, string>;
  hls: Record<string, string>;
  mjpeg: Record<string, string>;
  snapshot: Record<string, string>;
}

export interface CameraSources {
  urls: SourceUrls;
  pid: number;
  stop(): Promise<void>;
}

function waitForReady(child: ChildProcess): Promise<SourceUrls> {
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => fail(new Error(`camera sources not ready after 45 s: ${out}${err}`)),
      45_000,
    );
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('ready '));
      if (line) {
        clearTimeout(timer);
        ok(JSON.parse(line.slice('ready '.length)) as SourceUrls);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`camera sources exited (${code}): ${err}`));
    });
  });
}

export async function startCameraSources(
  kinds: { rtsp?: string[]; hls?: string[]; mjpeg?: string[]; snapshot?: string[] },
  size = '320x180',
): Promise<CameraSources> {
  const args = [
    COMMAND,
    '--rtsp-port',
    String(await freePort()),
    '--publish-port',
    String(await freePort()),
    '--http-port',
    String(await freePort()),
    // RTP/RTCP over UDP: a random even base between 10000 and 29000, below the kernel's ephemeral ports and
    // the media relay's, keeps parallel test files apart.
    '--rtp-port',
    String(2 * randomInt(5000, 14_000)),
    '--size',
    size,
  ];
  for (const kind of ['rtsp', 'hls', 'mjpeg', 'snapshot'] as const)
    if (kinds[kind]?.length) args.push(`--${kind}`, kinds[kind].join(','));
  const child = spawn(TSX, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Done when the whole process group (the command and its ffmpeg children) is gone, files removed.
  const stop = async () => {
    if (!groupAlive()) return;
    process.kill(-child.pid!, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive()) process.kill(-child.pid!, 'SIGKILL');
    await exited;
  };
  try {
    return { urls: await waitForReady(child), pid: child.pid!, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
