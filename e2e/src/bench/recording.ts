// Recording benchmark: 100 concurrent recorded calls of 60 s through rtpengine (SIPp callers and a SIPp desk
// phone, each side streaming a tone, all calls ending within 10 s), each capture turned into its stored file by
// the server's own recording code, two at a time, as soon as rtpengine closes it: lost recordings, CPU per
// recorded call, time from hang-up to a file ready for playback, storage per hour of call.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCallAudio } from '@hcm112/server/recordings/pcap-audio';
import { findCapturedCall } from '@hcm112/server/recordings/rtpengine-files';
import { storeRecording } from '@hcm112/server/recordings/store';
import { startKamailio } from '@hcm112/telephony/testing';
import { type BenchRow, summarize } from './table.ts';
import { startToneTraffic, TONE_TRAFFIC_KAMAILIO } from './tone-traffic.ts';

const CALLS = Number(process.env.BENCH_RECORDING_CALLS ?? 100);
const HOLD_MS = Number(process.env.BENCH_RECORDING_HOLD_MS ?? 60_000);
/** Calls start over 10 s, so they end within 10 s of each other. */
const RATE = CALLS / 10;
const WORKERS = 2;
/** The server's RECORDING_SETTLE_SECONDS default. */
const SETTLE_MS = 10_000;
const TICKS_PER_S = 100;

/** CPU time (ms) of this process and of its waited-for children (ffmpeg), from /proc. */
function cpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime, stime, cutime, cstime are fields 14-17 of stat(5); the split drops the first two.
  const ticks = [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i] ?? 0), 0);
  return (ticks * 1000) / TICKS_PER_S;
}

export async function benchRecording(): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'e112-bench-recordings-'));
  const captures = join(root, 'rtpengine');
  const store = join(root, 'calls');
  const kamailio = await startKamailio(TONE_TRAFFIC_KAMAILIO, { recordingDir: captures });
  try {
    const traffic = await startToneTraffic(kamailio, root, { calls: CALLS, rate: RATE, holdMs: HOLD_MS });
    let callsDone = false;
    const callersExit = traffic.exited.finally(() => {
      callsDone = true;
    });
    const made = await recordAsTheyEnd(captures, store, () => callsDone);
    const exit = await callersExit;
    await traffic.end();

    const ready = summarize(made.readyMs);
    const seconds = made.durationMs / 1000;
    const mbPerHour = seconds ? ((made.bytes / seconds) * 3600) / 1e6 : Number.NaN;
    const conditions = `${CALLS} concurrent calls of ${HOLD_MS / 1000} s ending within 10 s, ${WORKERS} encodes at once`;
    return [
      {
        area: 'recording',
        name: `recordings lost (stored files against answered calls, SIPp exit ${exit}; ${made.failed} without audio, ${made.unclosed} not closed by rtpengine), ${conditions}`,
        value: CALLS - made.stored,
        unit: 'lost',
        samples: made.stored,
        target: 'zero lost',
        met: exit === 0 && made.stored === CALLS && made.failed === 0,
      },
      {
        area: 'recording',
        name: `hang-up to recording ready for playback (pcap decoded, FLAC file stored), ${conditions}`,
        ...ready,
        target: 'p99 < 5 s',
        met: ready.p99Ms < 5000,
      },
      {
        area: 'recording',
        name: 'CPU per recorded call (decode in Node + ffmpeg FLAC encode)',
        value: made.cpuMs / Math.max(made.stored, 1),
        unit: 'ms CPU',
        samples: made.stored,
      },
      {
        area: 'recording',
        name: 'storage per hour of call (FLAC, two channels of 8 kHz; test tones compress better than speech)',
        value: mbPerHour,
        unit: 'MB/h',
        samples: made.stored,
      },
    ];
  } finally {
    await kamailio.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

interface Made {
  stored: number;
  /** Captures that held no audio, or none at all. */
  failed: number;
  /** Captures rtpengine had not closed RECORDING_SETTLE_SECONDS after the last call: taken as they were. */
  unclosed: number;
  readyMs: number[];
  cpuMs: number;
  bytes: number;
  durationMs: number;
}

/** The recordings worker's loop: each capture rtpengine closed is stored, WORKERS at a time, timed from hang-up. */
async function recordAsTheyEnd(captures: string, store: string, callsDone: () => boolean): Promise<Made> {
  const made: Made = { stored: 0, failed: 0, unclosed: 0, readyMs: [], cpuMs: 0, bytes: 0, durationMs: 0 };
  const taken = new Set<string>();
  const queue: Array<{ sipCallId: string; endedAtMs: number }> = [];
  let idleAfterCalls = 0;
  const worker = async () => {
    for (;;) {
      const next = queue.shift();
      if (!next) {
        if (callsDone() && idleAfterCalls > 30) return;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const captured = await findCapturedCall(captures, next.sipCallId);
      const audio = captured && (await decodeCallAudio(captured.pcapPath, captured.callerPort));
      if (!audio) {
        made.failed += 1;
        process.stderr.write(
          `bench recording: no audio for ${next.sipCallId} (${captured ? `pcap ${captured.pcapPath}` : 'no capture found'})\n`,
        );
        continue;
      }
      const file = await storeRecording(
        'ffmpeg',
        store,
        next.sipCallId.replace(/\W/g, '_'),
        'bench',
        audio.pcm,
      );
      made.readyMs.push(Date.now() - next.endedAtMs);
      made.stored += 1;
      made.bytes += file.sizeBytes;
      made.durationMs += audio.durationMs;
    }
  };
  const cpuBefore = cpuMs();
  const workers = Array.from({ length: WORKERS }, worker);
  const metadata = join(captures, 'metadata');
  let doneAt = 0;
  while (!(callsDone() && idleAfterCalls > 30)) {
    if (callsDone() && !doneAt) doneAt = Date.now();
    // As the server's job does: a capture still open this long after the hang-up is decoded as it is.
    const settled = doneAt > 0 && Date.now() - doneAt > SETTLE_MS;
    // rtpengine makes the folder with the first call.
    const names = (() => {
      try {
        return readdirSync(metadata);
      } catch {
        return [] as string[];
      }
    })();
    let found = false;
    for (const name of names.filter((n) => !taken.has(n))) {
      const text = readFileSync(join(metadata, name), 'utf8');
      const ended = /^Timestamp terminated ms\(first monologue\): ([\d.]+)/m.exec(text);
      const closed = /^call end time:/m.test(text) && ended;
      if (!closed && !settled) continue;
      if (!closed) made.unclosed += 1;
      taken.add(name);
      found = true;
      const sipCallId = decodeURIComponent(
        name.replace(/^rtpengine-meta-/, '').replace(/-[0-9a-f]+\.txt$/, ''),
      );
      queue.push({ sipCallId, endedAtMs: ended ? Number(ended[1]) : doneAt });
    }
    idleAfterCalls = settled && !found && queue.length === 0 ? idleAfterCalls + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(workers);
  made.cpuMs = cpuMs() - cpuBefore;
  return made;
}
