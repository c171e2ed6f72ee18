// ffmpeg test-pattern cameras (moving colour bars with the camera's name and a running clock), and a small
// supervisor that keeps each one running until told to stop.
import { type ChildProcess, spawn } from 'node:child_process';

export interface PatternOptions {
  /** Shown on the picture; letters, digits and dashes. */
  label: string;
  size?: string;
  rate?: number;
}

/** A live test picture at real-time speed: `-re` paces it like a camera. */
export function patternInput({ label, size = '640x360', rate = 15 }: PatternOptions): string[] {
  const text = `drawtext=text='${label} %{localtime}':fontsize=22:fontcolor=white:box=1:boxcolor=black@0.6:x=8:y=h-th-8`;
  return ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}`, '-vf', text];
}

/** H.264 cheap enough for a few sources on two cores, with a keyframe every second for short HLS segments. */
export function h264Output(rate = 15): string[] {
  return [
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(rate),
    '-b:v',
    '500k',
  ];
}

export const QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin'];

/** Runs ffmpeg processes and restarts one that dies (a relay restart, a hiccup) until stop(). */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(
    private readonly ffmpegPath: string,
    private readonly onEvent: (line: string) => void,
  ) {}

  run(name: string, args: string[]): void {
    if (this.stopping) return;
    const child = spawn(this.ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.children.set(name, child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    child.once('exit', (code, signal) => {
      this.children.delete(name);
      if (this.stopping) return;
      this.onEvent(
        `${name} exited (${code ?? signal}); restarting: ${stderr.trim().split('\n').at(-1) ?? ''}`,
      );
      setTimeout(() => this.run(name, args), 1000).unref();
    });
  }

  /** Spawns a one-off ffmpeg tied to a caller (an MJPEG viewer); not restarted. */
  once(args: string[]): ChildProcess {
    return spawn(this.ffmpegPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const exits = [...this.children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
  }
}
