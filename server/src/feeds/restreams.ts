// On-demand restreams: one ffmpeg per watched camera copies its stream (RTSP or HLS) into HLS segments under
// HLS_DIR; started by the first viewer, kept alive by playlist and segment fetches, stopped when nobody has
// fetched for RESTREAM_IDLE_SECONDS, and capped at RESTREAM_MAX processes per server instance.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import { ephemeralPortRange, overlap, type PortRange } from './ephemeral-ports.ts';

export interface RestreamOptions {
  ffmpegPath: string;
  hlsDir: string;
  max: number;
  idleMs: number;
  startTimeoutMs: number;
  /** First UDP port of the restreams' range: restream slot i uses the UDP_PORTS_PER_RESTREAM ports after it. */
  udpPortBase: number;
  log: Logger;
  now?: () => number;
  /** The kernel's ephemeral port range (read from /proc when not given; null: unknown). */
  ephemeral?: PortRange | null;
}

export type RestreamSource = { kind: 'rtsp' | 'hls'; url: string };

interface Restream {
  cameraId: string;
  /** Which block of UDP ports is this restream's (freed when its ffmpeg exits). */
  slot: number;
  dir: string;
  process: ChildProcess;
  lastSeen: number;
  /** Until the first segment exists the viewer is still waiting: never idle. */
  starting: boolean;
  ready: Promise<void>;
  exited: Promise<void>;
  stderr: string;
}

/** The only files a restream writes, and so the only names the HLS route serves. */
export const HLS_FILE = /^(index\.m3u8|seg\d{6}\.ts)$/;

/** Video and audio, RTP and RTCP each, with room for a retry within the block. */
export const UDP_PORTS_PER_RESTREAM = 8;

export class RestreamsFull extends Error {}
export class RestreamFailed extends Error {}

function ffmpegArgs(source: RestreamSource, dir: string, ports: { min: number; max: number }): string[] {
  const input =
    source.kind === 'rtsp'
      ? // 10 s without data from the camera ends the restream. Each restream's RTP/RTCP sockets stay inside its
        // own block of UDP ports: left to pick, ~128 ffmpegs picked the same ones ("bind failed").
        [
          '-min_port',
          String(ports.min),
          '-max_port',
          String(ports.max),
          '-timeout',
          '10000000',
          '-i',
          source.url,
        ]
      : ['-live_start_index', '-3', '-i', source.url];
  // -c copy: no decoding or encoding, so one core carries many restreams.
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    ...input,
    '-c',
    'copy',
    '-f',
    'hls',
    '-hls_time',
    '1',
    '-hls_list_size',
    '6',
    '-hls_flags',
    'delete_segments+omit_endlist',
    '-hls_segment_filename',
    join(dir, 'seg%06d.ts'),
    join(dir, 'index.m3u8'),
  ];
}

const hasSegment = (dir: string) => {
  const playlist = join(dir, 'index.m3u8');
  return existsSync(playlist) && /seg\d{6}\.ts/.test(readFileSync(playlist, 'utf8'));
};

export class RestreamManager {
  private readonly running = new Map<string, Restream>();
  private readonly freeSlots: number[];
  private readonly now: () => number;

  constructor(private readonly o: RestreamOptions) {
    this.now = o.now ?? Date.now;
    this.freeSlots = Array.from({ length: o.max }, (_, i) => i);
    const block = { min: o.udpPortBase, max: o.udpPortBase + o.max * UDP_PORTS_PER_RESTREAM - 1 };
    const ephemeral = o.ephemeral === undefined ? ephemeralPortRange() : o.ephemeral;
    const shared = ephemeral && overlap(block, ephemeral);
    if (shared)
      o.log.warn(
        { ports: block, ephemeral, shared },
        'restream UDP ports overlap the kernel ephemeral range: a port the kernel gave another socket fails that restream; set RESTREAM_UDP_PORT_BASE below it',
      );
  }

  get count(): number {
    return this.running.size;
  }

  /** Starts the camera's restream if it is not running, and resolves once its playlist has a segment. */
  async open(cameraId: string, source: RestreamSource): Promise<void> {
    let r = this.running.get(cameraId);
    if (!r) {
      if (this.running.size >= this.o.max || this.freeSlots.length === 0)
        throw new RestreamsFull(`all ${this.o.max} live feeds of this server are in use`);
      r = this.start(cameraId, source);
    }
    r.lastSeen = this.now();
    await r.ready;
  }

  /** A viewer fetched something: keeps the restream alive. False when it is not running. */
  touch(cameraId: string): boolean {
    const r = this.running.get(cameraId);
    if (r) r.lastSeen = this.now();
    return !!r;
  }

  /** The path of a restream file, or null if the camera is not restreaming or the name is not ours. */
  file(cameraId: string, name: string): string | null {
    const r = this.running.get(cameraId);
    if (!r || !HLS_FILE.test(name)) return null;
    const path = join(r.dir, name);
    return existsSync(path) ? path : null;
  }

  pid(cameraId: string): number | undefined {
    return this.running.get(cameraId)?.process.pid;
  }

  /** Stops every restream nobody has fetched from within the idle time. */
  async sweep(): Promise<void> {
    const idleSince = this.now() - this.o.idleMs;
    const idle = [...this.running.values()].filter((r) => !r.starting && r.lastSeen < idleSince);
    await Promise.all(idle.map((r) => this.stop(r.cameraId, 'idle')));
  }

  async stop(cameraId: string, reason: string): Promise<void> {
    const r = this.running.get(cameraId);
    if (!r) return;
    this.o.log.info({ cameraId, reason, pid: r.process.pid }, 'restream stopping');
    const kill = setTimeout(() => r.process.kill('SIGKILL'), 3000);
    r.process.kill('SIGTERM');
    await r.exited;
    clearTimeout(kill);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id, 'shutdown')));
    rmSync(this.o.hlsDir, { recursive: true, force: true });
  }

  private start(cameraId: string, source: RestreamSource): Restream {
    const dir = join(this.o.hlsDir, cameraId);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const slot = this.freeSlots.shift()!;
    const min = this.o.udpPortBase + slot * UDP_PORTS_PER_RESTREAM;
    const args = ffmpegArgs(source, dir, { min, max: min + UDP_PORTS_PER_RESTREAM - 1 });
    const child = spawn(this.o.ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let exitedNow: () => void = () => {};
    const r: Restream = {
      cameraId,
      slot,
      dir,
      process: child,
      lastSeen: this.now(),
      starting: true,
      stderr: '',
      exited: new Promise<void>((resolve) => {
        exitedNow = resolve;
      }),
      ready: Promise.resolve(),
    };
    child.stderr?.on('data', (d: Buffer) => {
      r.stderr = (r.stderr + d.toString()).slice(-2000);
    });
    child.once('error', (err) => {
      r.stderr += err.message; // e.g. ffmpeg missing: 'close' follows
    });
    child.once('close', (code, signal) => {
      if (this.running.get(cameraId) === r) this.running.delete(cameraId);
      this.freeSlots.push(slot);
      rmSync(dir, { recursive: true, force: true });
      this.o.log.info({ cameraId, code, signal, error: r.stderr.trim() || undefined }, 'restream ended');
      exitedNow();
    });
    r.ready = this.whenReady(r);
    // A failed start must not leave an unhandled rejection when nobody awaits it any more.
    r.ready.catch(() => {});
    this.running.set(cameraId, r);
    this.o.log.info({ cameraId, pid: child.pid, kind: source.kind }, 'restream started');
    return r;
  }

  private async whenReady(r: Restream): Promise<void> {
    let ended = false;
    void r.exited.then(() => {
      ended = true;
    });
    const deadline = this.now() + this.o.startTimeoutMs;
    while (!hasSegment(r.dir)) {
      if (ended)
        throw new RestreamFailed(`the camera stream could not be opened: ${r.stderr.trim() || 'no data'}`);
      if (this.now() > deadline) {
        await this.stop(r.cameraId, 'no segment in time');
        throw new RestreamFailed('the camera sent no video in time');
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    r.starting = false;
    r.lastSeen = this.now();
  }
}
