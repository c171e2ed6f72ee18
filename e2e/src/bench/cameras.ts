// Cameras: surfacing latency with 1,000, 10,000 and 100,000 cameras (target p99 < 5 ms at 10,000), the whole
// recompute-store-push of an incident's list, and how many ffmpeg restreams this machine keeps in real time.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CameraFields } from '@hcm112/shared';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { upsertCameras } from '@hcm112/server/cameras/repository';
import { loadConfig } from '@hcm112/server/config';
import { createDb } from '@hcm112/server/db/database';
import { RestreamManager } from '@hcm112/server/feeds/restreams';
import { recomputeIncidentCameras, surfaceCameras } from '@hcm112/server/incident-cameras/service';
import { insertIncident } from '@hcm112/server/incidents/repository';
import { createLogger } from '@hcm112/server/logger';
import { EventPublisher } from '@hcm112/server/realtime/publisher';
import { seededRandom } from '@hcm112/server/seed/random';
import { startCameraSources } from '@hcm112/server/testing/camera-sources';
import { type BenchDatabase, createBenchDatabase } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const QUERIES = 1000;
const WARMUP = 50;
const BBOX = { south: 10.68, north: 10.9, west: 106.58, east: 106.82 };

function randomCameras(count: number, seed: number): CameraFields[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    code: `B-${i}`,
    name: `bench ${i}`,
    point: { lat: rnd.between(BBOX.south, BBOX.north), lon: rnd.between(BBOX.west, BBOX.east) },
    bearingDeg: rnd.int(0, 359),
    fovDeg: rnd.int(60, 100),
    rangeM: rnd.int(80, 250),
    layer: 'mid',
    owner: 'transport',
    ptz: rnd.chance(0.1),
    streamUrl: null,
    streamKind: null,
    district: null,
  }));
}

async function fillCameras(bdb: BenchDatabase, count: number): Promise<void> {
  const cams = randomCameras(count, count);
  for (let i = 0; i < cams.length; i += 1000)
    await upsertCameras(bdb.db, cams.slice(i, i + 1000), new Date());
  // Fresh statistics, as autovacuum keeps them in a running system.
  const owner = createDb(bdb.adminUrl, 1);
  await sql`ANALYZE cameras`.execute(owner);
  await owner.destroy();
}

async function timeSurfacing(bdb: BenchDatabase, seed: number): Promise<{ times: number[]; found: number }> {
  const rnd = seededRandom(seed);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < QUERIES + WARMUP; i++) {
    const point = { lat: rnd.between(10.7, 10.88), lon: rnd.between(106.6, 106.8) };
    const t0 = performance.now();
    const seen = await surfaceCameras(bdb.db, point);
    if (i >= WARMUP) {
      times.push(performance.now() - t0);
      found += seen.length;
    }
  }
  return { times, found };
}

/** Create an incident, compute, store and push its camera list: what happens after each create or move. */
async function timeRecompute(bdb: BenchDatabase): Promise<number[]> {
  const config = loadConfig();
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true });
  await redis.connect();
  const prefix = `e112bench:cam:${process.pid}`;
  const deps = {
    db: bdb.db,
    events: new EventPublisher(redis, prefix),
    clock: () => new Date(),
  };
  const rnd = seededRandom(7);
  const times: number[] = [];
  try {
    for (let i = 0; i < 300 + WARMUP; i++) {
      const point = { lat: rnd.between(10.7, 10.88), lon: rnd.between(106.6, 106.8) };
      const id = await insertIncident(bdb.db, {
        number: `HCM-2026-${String(i).padStart(6, '0')}`,
        type: 'fire',
        subtype: 'structure-fire',
        priority: 9,
        point,
        address: '',
        district: null,
        createdBy: null,
        at: new Date(),
      });
      const t0 = performance.now();
      await recomputeIncidentCameras(deps, id);
      if (i >= WARMUP) times.push(performance.now() - t0);
    }
  } finally {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
  return times;
}

/** Latency tails on a shared 2-core machine follow what else runs: the load average is reported beside them. */
function loadRow(when: string): BenchRow {
  return {
    area: 'cameras',
    name: `machine load average (1 min) ${when}`,
    value: loadavg()[0],
    unit: 'runnable',
    samples: 1,
  };
}

export async function benchSurfacing(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [loadRow('before surfacing')];
  for (const count of [1000, 10_000, 100_000]) {
    const bdb = await createBenchDatabase({ city: false });
    try {
      await fillCameras(bdb, count);
      const { times, found } = await timeSurfacing(bdb, count + 1);
      const s = summarize(times);
      const target = count === 10_000;
      rows.push({
        area: 'cameras',
        name: `surfacing latency, ${count.toLocaleString('en')} cameras (${(found / QUERIES).toFixed(1)} seen per point)`,
        ...s,
        target: target ? 'p99 < 5 ms' : undefined,
        met: target ? s.p99Ms < 5 : undefined,
      });
      if (count === 10_000)
        rows.push({
          area: 'cameras',
          name: 'surface + store + push an incident list, 10,000 cameras',
          ...summarize(await timeRecompute(bdb)),
        });
    } finally {
      await bdb.drop();
    }
  }
  rows.push(loadRow('after surfacing'));
  return rows;
}

// ---- concurrent restreams ----

const WINDOW_MS = 20_000;
const STEPS = [1, 16, 32, 64, 96, 128];
const REALTIME = 0.9;

function cpuTicks(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, after the command name
  } catch {
    return 0;
  }
}

/** Seconds of media in segments that first appeared while watching, per restream. */
async function mediaProduced(dirs: string[], ms: number): Promise<number[]> {
  const seen = dirs.map(() => new Map<string, number>());
  const read = (dir: string) => {
    try {
      const lines = readFileSync(join(dir, 'index.m3u8'), 'utf8').split('\n');
      return lines.flatMap((l, i) =>
        l.startsWith('#EXTINF:') ? [[lines[i + 1]!, Number.parseFloat(l.slice(8))] as const] : [],
      );
    } catch {
      return [];
    }
  };
  dirs.forEach((d, i) => {
    for (const [name] of read(d)) seen[i]!.set(name, 0); // already there: not counted
  });
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    dirs.forEach((d, i) => {
      for (const [name, secs] of read(d)) if (!seen[i]!.has(name)) seen[i]!.set(name, secs);
    });
  }
  return seen.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
}

async function restreamStep(manager: RestreamManager, url: string, hlsDir: string, n: number) {
  const ids = Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  // Viewers arrive a few at a time, as they do; a start that fails counts as not kept up.
  for (let i = 0; i < ids.length; i += 8) {
    const opened = await Promise.allSettled(
      ids.slice(i, i + 8).map((id) => manager.open(id, { kind: 'rtsp', url })),
    );
    const failed = opened.find((o) => o.status === 'rejected');
    if (failed) {
      await manager.stopAll();
      return { minRatio: 0, cpuPercent: 0, failure: String(failed.reason).slice(0, 120) };
    }
  }
  const keepAlive = setInterval(() => {
    for (const id of ids) manager.touch(id);
  }, 1000);
  const pids = ids.map((id) => manager.pid(id));
  const cpu0 = pids.map(cpuTicks);
  const produced = await mediaProduced(
    ids.map((id) => join(hlsDir, id)),
    WINDOW_MS,
  );
  const cpu = pids.map((p, i) => cpuTicks(p) - cpu0[i]!).reduce((a, b) => a + b, 0);
  clearInterval(keepAlive);
  await manager.stopAll();
  const ratios = produced.map((s) => s / (WINDOW_MS / 1000));
  return { minRatio: Math.min(...ratios), cpuPercent: cpu / (WINDOW_MS / 1000), failure: '' }; // ticks: 1/100 s
}

export async function benchRestreams(): Promise<BenchRow[]> {
  const sources = await startCameraSources({ rtsp: ['bench'] }, '640x360');
  const hlsDir = mkdtempSync(join(tmpdir(), 'e112-bench-hls-'));
  const manager = new RestreamManager({
    ffmpegPath: loadConfig().FFMPEG_PATH,
    hlsDir,
    max: 200,
    idleMs: 60_000,
    startTimeoutMs: 60_000,
    udpPortBase: loadConfig().RESTREAM_UDP_PORT_BASE,
    log: createLogger('silent'),
  });
  const rows: BenchRow[] = [];
  let sustained = 0;
  try {
    for (const n of STEPS) {
      const { minRatio, cpuPercent, failure } = await restreamStep(
        manager,
        sources.urls.rtsp.bench!,
        hlsDir,
        n,
      );
      rows.push({
        area: 'cameras',
        name: failure
          ? `${n} concurrent RTSP->HLS restreams: a start failed (${failure})`
          : `${n} concurrent RTSP->HLS restreams (640x360 H.264, copy): slowest, CPU of all ffmpeg ${cpuPercent.toFixed(0)} %`,
        value: minRatio,
        unit: 'x real time',
        samples: n,
      });
      if (minRatio < REALTIME) break;
      sustained = n;
    }
  } finally {
    await manager.stopAll();
    await sources.stop();
    rmSync(hlsDir, { recursive: true, force: true });
  }
  rows.push({
    area: 'cameras',
    name: `concurrent restreams kept in real time (>= ${REALTIME}x) on this machine, of ${STEPS.join('/')}`,
    value: sustained,
    unit: 'restreams',
    samples: STEPS.length,
  });
  return rows;
}
