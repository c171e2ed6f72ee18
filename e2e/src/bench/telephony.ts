// Telephony benchmark: SIPp callers into real Kamailio, call control and the server's call recorder.
// INVITE-to-recorded latency (Kamailio's arrival stamp to the call committed in PostgreSQL and announced to
// consoles) at 10 and 100 calls/s,
// the highest rate sustained for 30 s with every call recorded and none failed, and memory per queued call.
import { acdKeys, type EventEnvelope } from '@hcm112/shared';
import { sql } from 'kysely';
import { realtimeKeys } from '@hcm112/server/realtime/publisher';
import type { RunningServer } from '@hcm112/server/server';
import {
  CALLER_ARGS,
  type Kamailio,
  sipp,
  startCallControl,
  startKamailio,
  waitFor,
} from '@hcm112/telephony/testing';
import { createBenchDatabase, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

export type TelephonyBench = Awaited<ReturnType<typeof startTelephonyBench>>;
type Env = TelephonyBench;

/** A private database, the server, Kamailio and call control, as the intake runs in production. */
export async function startTelephonyBench() {
  const bdb = await createBenchDatabase({ city: false });
  const server = await startBenchServer(bdb);
  const recordedAt = await watchRecordedCalls(server);
  const kamailio = await startKamailio({ KAMAILIO_SHM_MB: '1024', CALLER_BURST: '1000000' });
  const { REDIS_URL, REDIS_PREFIX } = server.ctx.config;
  // The intake alone: queued callers here wait past 10 s, and the announcements have their own bench.
  const control = await startCallControl(kamailio, REDIS_URL, REDIS_PREFIX, {
    leaderTtlMs: 5000,
    env: { ANNOUNCE_AFTER_SECONDS: '0' },
  });
  return { bdb, server, kamailio, control, recordedAt };
}

/**
 * When each call was first announced to consoles (published right after its row committed), by SIP Call-ID:
 * the end of the INVITE-to-recorded interval.
 */
async function watchRecordedCalls(server: RunningServer) {
  const recordedAt = new Map<string, { at: number; arrivedAt: string; caller: string }>();
  const subscriber = server.ctx.redis.duplicate();
  await subscriber.subscribe(realtimeKeys(server.ctx.config.REDIS_PREFIX, 'calls').channel);
  subscriber.on('message', (_channel, message) => {
    const now = Date.now();
    const { event } = JSON.parse(message) as EventEnvelope;
    if (event.type === 'call.updated' && !recordedAt.has(event.call.sipCallId))
      recordedAt.set(event.call.sipCallId, {
        at: now,
        arrivedAt: event.call.arrivedAt,
        caller: event.call.callerNumber,
      });
  });
  return { recordedAt, stop: () => subscriber.disconnect() };
}

interface Phase {
  /** Calls SIPp offered and the ones it saw fail. */
  offered: number;
  failed: number;
  /** Calls recorded in PostgreSQL (arrived and then abandoned) and their arrival-to-recorded latencies. */
  recorded: number;
  latenciesMs: number[];
}

let phases = 0;

/** What each caller sends: the SIPp scenario and its keys (the caller number's prefix is added). */
export interface CallerLoad {
  scenario: string;
  keys: Record<string, string>;
}

const PLAIN_CALLERS: CallerLoad = { scenario: 'bench-caller.xml', keys: {} };

/** Offers `count` calls at `rate` calls/s, each waiting `holdMs` then hanging up, and accounts for each one. */
export async function offerCalls(
  env: Env,
  rate: number,
  count: number,
  holdMs: number,
  load: CallerLoad = PLAIN_CALLERS,
): Promise<Phase & { prefix: string }> {
  phases += 1;
  const prefix = `09${String(phases).padStart(2, '0')}`;
  const run = sipp(
    load.scenario,
    env.kamailio.target,
    [
      '-s',
      '112',
      ...CALLER_ARGS,
      '-r',
      String(rate),
      '-m',
      String(count),
      '-l',
      String(count),
      '-d',
      String(holdMs),
    ],
    { ...load.keys, caller: prefix },
  );
  // A SIPp that falls behind on a loaded machine can stall; past its schedule plus a minute it counts as failed.
  const guard = setTimeout(() => run.stop(), (count / rate) * 1000 + holdMs + 60_000);
  const failed = (await run.done) === 0 ? 0 : await failedCalls(run);
  clearTimeout(guard);
  const counted = async () =>
    Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM calls
          WHERE caller_number LIKE ${`${prefix}%`} AND state = 'abandoned'`.execute(env.bdb.db)
      ).rows[0]?.n ?? 0,
    );
  const recorded = await waitFor(
    async () => {
      const n = await counted();
      return n >= count ? n : undefined;
    },
    `${count} calls at ${rate}/s to be recorded`,
    120_000,
  ).catch(counted);
  const latenciesMs = [...env.recordedAt.recordedAt.values()]
    .filter((r) => r.caller.startsWith(prefix))
    .map((r) => r.at - Date.parse(r.arrivedAt));
  return { offered: count, failed, recorded, latenciesMs, prefix };
}

async function failedCalls(run: ReturnType<typeof sipp>): Promise<number> {
  try {
    await run.ok();
    return 0;
  } catch (err) {
    return Math.max(1, (String(err).match(/Aborting call|Dead call/g) ?? []).length);
  }
}

async function latencyRow(env: Env, rate: number, seconds: number, target?: number): Promise<BenchRow> {
  const phase = await offerCalls(env, rate, rate * seconds, 1000);
  const s = summarize(phase.latenciesMs);
  const complete = phase.failed === 0 && phase.recorded === phase.offered;
  return {
    area: 'telephony',
    name: `INVITE to call recorded, ${rate} calls/s (${phase.recorded}/${phase.offered} recorded, ${phase.failed} failed)`,
    ...s,
    ...(target !== undefined && {
      target: `p99 < ${target} ms, every call recorded`,
      met: complete && s.p99Ms < target,
    }),
  };
}

/** Steps the rate up for 30 s each until a call fails or is not recorded; the last clean step is the figure. */
async function sustainedRow(env: Env, rates: number[]): Promise<BenchRow> {
  let best = 0;
  let calls = 0;
  let firstFailure = '';
  for (const rate of rates) {
    process.stderr.write(`bench: telephony ${rate} calls/s for 30 s...\n`);
    const phase = await offerCalls(env, rate, rate * 30, 1000);
    if (phase.failed > 0 || phase.recorded < phase.offered) {
      firstFailure = `; at ${rate}/s ${phase.failed} failed, ${phase.offered - phase.recorded} not recorded`;
      break;
    }
    best = rate;
    calls = phase.offered;
  }
  return {
    area: 'telephony',
    name: `highest rate sustained 30 s, zero lost or failed calls${firstFailure}`,
    throughput: best,
    samples: calls,
  };
}

const shmUsed = async (kamailio: Kamailio) =>
  Number(/real_used: (\d+)/.exec(await kamailio.rpc('core.shmmem'))?.[1]);

/** Holds `count` calls in the queue at once and weighs what they take in Kamailio and in Redis. */
async function memoryRows(env: Env, count: number): Promise<BenchRow[]> {
  const keys = acdKeys(env.server.ctx.config.REDIS_PREFIX);
  const redis = env.server.ctx.redis;
  const before = await shmUsed(env.kamailio);
  const run = sipp(
    'bench-caller.xml',
    env.kamailio.target,
    ['-s', '112', ...CALLER_ARGS, '-r', '500', '-m', String(count), '-l', String(count), '-d', '15000'],
    { caller: '0955' },
  );
  await waitFor(
    async () => ((await redis.zcard(keys.queue)) >= count ? true : undefined),
    `${count} queued calls`,
    60_000,
  );
  const during = await shmUsed(env.kamailio);
  let redisBytes = Number(await redis.memory('USAGE', keys.queue));
  for (const id of await redis.zrange(keys.queue, 0, -1))
    redisBytes += Number(await redis.memory('USAGE', keys.call(id)));
  await run.done;
  const kb = (bytes: number) => Math.round((bytes / count / 1024) * 100) / 100;
  return [
    {
      area: 'telephony',
      name: `Kamailio shared memory per queued call (${count} queued)`,
      value: kb(during - before),
      unit: 'KB',
      samples: count,
    },
    {
      area: 'telephony',
      name: `Redis memory per queued call, ACD state (${count} queued)`,
      value: kb(redisBytes),
      unit: 'KB',
      samples: count,
    },
  ];
}

export async function stopTelephonyBench(env: Env): Promise<void> {
  env.recordedAt.stop();
  await env.control.stop();
  await env.kamailio.stop();
  await env.server.stop();
  await env.bdb.drop();
}

export async function benchTelephony(): Promise<BenchRow[]> {
  const env = await startTelephonyBench();
  try {
    const rows: BenchRow[] = [];
    // A first call warms up every process on the path; it is not counted.
    await offerCalls(env, 1, 1, 100);
    rows.push(await latencyRow(env, 10, 10));
    rows.push(await latencyRow(env, 100, 10, 20));
    rows.push(await sustainedRow(env, [200, 400, 800]));
    rows.push(...(await memoryRows(env, 1000)));
    return rows;
  } finally {
    await stopTelephonyBench(env);
  }
}
