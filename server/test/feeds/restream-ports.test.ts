// RTSP restreams receive media on UDP ports: left to ffmpeg, ~128 restreams picked the same ports ("bind failed:
// Address already in use"). Each restream now binds only inside its own block from RESTREAM_UDP_PORT_BASE.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { Camera, CameraFeed } from '@hcm112/shared';
import { describe, expect, it } from 'vitest';
import { withCameraStack } from '../support/camera-stack.ts';
import { addCamera } from '../support/cameras.ts';

// A base of its own per test process: above the default block (32000-32255), below the kernel's ephemeral ports
// (32768 up), away from rtpengine's 30000-31999.
const BASE = 32_256 + (process.pid % 32) * 16;
const stack = withCameraStack({
  sources: { rtsp: ['north', 'south'] },
  env: { RESTREAM_UDP_PORT_BASE: String(BASE), RESTREAM_MAX: '2' },
});

/** The UDP ports a process has bound (its socket inodes looked up in /proc/net/udp and udp6). */
function udpPortsOf(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const link = (() => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return '';
      }
    })();
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (inode) inodes.add(inode);
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/udp', '/proc/net/udp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && inodes.has(cols[9]!)) ports.push(Number.parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return ports.sort((a, b) => a - b);
}

function ffmpegOf(camera: Camera): number {
  const pid = stack.server.ctx.restreams.pid(camera.id);
  if (!pid) throw new Error(`no restream of ${camera.code}`);
  return pid;
}

describe('RTSP restream UDP ports', () => {
  it('binds each restream inside its own block of the configured range', async () => {
    const [adm, dsp] = await stack.loginEach('admin', 'dispatcher');
    const cameras = [
      await addCamera(adm, { streamKind: 'rtsp', streamUrl: stack.sources.urls.rtsp.north! }),
      await addCamera(adm, { streamKind: 'rtsp', streamUrl: stack.sources.urls.rtsp.south! }),
    ];
    for (const camera of cameras) {
      const res = await dsp.fetch(`/api/cameras/${camera.id}/feed`);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(((await res.json()) as CameraFeed).kind).toBe('hls');
    }
    const blocks = cameras.map((camera) => {
      const ports = udpPortsOf(ffmpegOf(camera));
      expect(ports.length, camera.code).toBeGreaterThan(0);
      const block = Math.floor((ports[0]! - BASE) / 8);
      for (const port of ports) {
        expect(port, camera.code).toBeGreaterThanOrEqual(BASE + block * 8);
        expect(port, camera.code).toBeLessThan(BASE + block * 8 + 8);
      }
      return block;
    });
    expect(blocks.sort()).toEqual([0, 1]);
  });
});
