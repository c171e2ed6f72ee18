// The intake's ceiling: a ladder of rates, each held for a fixed time, up until calls go unrecorded or SIPp fails too
// many of them to tell (the highest rate with no failure at all is kept too); the same
// Kamailio script with a controller that routes nothing (bare Kamailio) climbed the same way; and at each failing
// rate SIPp alone against a SIPp peer that rings, so a limit of the load generator is not taken for the system's.
import { freePort, sipp, startKamailio, startTrivialController } from '@hcm112/telephony/testing';
import { offerLoad, PLAIN_CALLERS } from './sipp-load.ts';
import { countSipDrops } from './udp-drops.ts';
import type { BenchRow } from './table.ts';

/** Rates tried from the bottom up (a step down after a failure would first wait out its backlog). */
const LADDER = [200, 400, 800, 1000, 1250, 1600, 2000, 2500, 3200, 4000];
/** Seconds each step of the whole stack lasts (the figure the issue names) and of bare Kamailio (cheaper; harder). */
export const FULL_STEP_SECONDS = 30;
const BARE_STEP_SECONDS = 10;
const GENERATOR_CHECK_SECONDS = 10;
/** The share of bare Kamailio the whole stack is to hold (issue 22). */
const SHARE_TARGET = 40;

export interface StepResult {
  /** Calls asked of SIPp, and those it placed: fewer when the load generator fell behind. */
  asked: number;
  offered: number;
  failed: number;
  /** Calls offered that never reached their end of the path (recorded, or an arrival at the controller). */
  lost: number;
  /** Where the lost calls stopped, when the step can tell. */
  detail?: string;
}

export interface Climb {
  /** The highest rate held with no failed or lost call (0: none held). */
  held: number;
  failedAt?: StepResult & { rate: number };
  /**
   * The highest rate at which every call SIPp placed reached its end of the path, failures SIPp counted aside (0:
   * none): past a step whose only failures are SIPp's, the ladder goes on to find where the system loses calls.
   */
  allReached: number;
  /** Why the ladder stopped there: calls lost, SIPp failing too many to tell, or the top of the ladder. */
  stoppedAt?: StepResult & { rate: number };
}

/** A step with no failed, lost or unplaced call. */
export const clean = (r: StepResult) => r.failed === 0 && r.lost === 0 && r.offered === r.asked;
/**
 * Past this share of failed calls, or of calls SIPp never placed, the load generator is overwhelmed and a step tells
 * nothing of the system.
 */
const GENERATOR_FAILURE_LIMIT = 0.01;
/** SIPp placed too few of the calls asked of it: a step cut short by the load generator. */
const generatorBehind = (r: StepResult) => r.asked - r.offered > r.asked * GENERATOR_FAILURE_LIMIT;

/** What Kamailio's log says its evapi dropped so far: events not handed to its dispatcher, frames cut short. */
export function evapiDrops(log: string): string {
  const count = (text: string) => log.split(text).length - 1;
  return `Kamailio's log: ${count('failed to pass the pointer to evapi dispatcher')} events not handed to evapi, ${count('failed to write all packet')} frames cut short`;
}

/**
 * Climbs the ladder from `from` (a LADDER rate or the first above it) with `step`: `held` is the last rate before the
 * first step with any failed or lost call; the climb goes on while no call is lost and SIPp fails under 1 % of its
 * calls, for `allReached`.
 */
export async function climb(
  what: string,
  step: (rate: number) => Promise<StepResult>,
  from = LADDER[0]!,
): Promise<Climb> {
  const climbed: Climb = { held: 0, allReached: 0 };
  const tryRate = async (rate: number) => {
    process.stderr.write(`bench: ${what} at ${rate} calls/s...\n`);
    const result = await step(rate);
    // Transactions of the step end (CANCEL, 487, ACK) before the next step starts.
    await new Promise((r) => setTimeout(r, 3000));
    return result;
  };
  for (const rate of LADDER.filter((r) => r >= from)) {
    const result = await tryRate(rate);
    if (clean(result) && !climbed.failedAt) climbed.held = rate;
    if (!clean(result)) climbed.failedAt ??= { rate, ...result };
    if (
      result.lost > 0 ||
      result.failed > result.offered * GENERATOR_FAILURE_LIMIT ||
      generatorBehind(result)
    ) {
      climbed.stoppedAt = { rate, ...result };
      break;
    }
    climbed.allReached = rate;
  }
  return climbed;
}

/** Bare Kamailio: the benchmark's Kamailio, the trivial controller, and SIPp callers climbing from `from`. */
export async function climbBareKamailio(env: Record<string, string>, from: number): Promise<Climb> {
  const kamailio = await startKamailio(env);
  const controller = await startTrivialController(kamailio);
  let step = 0;
  try {
    return await climb(
      'bare Kamailio',
      async (rate) => {
        step += 1;
        const before = controller.arrivals();
        const sipDrops = countSipDrops(kamailio.target);
        const { asked, offered, failed } = await offerLoad(
          kamailio.target,
          rate,
          rate * BARE_STEP_SECONDS,
          1000,
          `08${String(step).padStart(2, '0')}`,
        );
        const lost = Math.max(0, offered - (controller.arrivals() - before));
        const detail = `${sipDrops()}; ${evapiDrops(kamailio.log())}`;
        return { asked, offered, failed, lost, ...((lost > 0 || failed > 0) && { detail }) };
      },
      from,
    );
  } finally {
    controller.stop();
    await kamailio.stop();
  }
}

/** SIPp callers against one SIPp peer that rings and takes the CANCEL: what the load generator alone sustains. */
export async function generatorAlone(rate: number): Promise<StepResult> {
  const port = await freePort();
  const peer = sipp('bench-peer-rings.xml', `127.0.0.1:${port}`, ['-p', String(port)]);
  try {
    await new Promise((r) => setTimeout(r, 500));
    const { asked, offered, failed } = await offerLoad(
      `127.0.0.1:${port}`,
      rate,
      rate * GENERATOR_CHECK_SECONDS,
      1000,
      '0799',
      { ...PLAIN_CALLERS, failuresFromErrors: true },
    );
    return { asked, offered, failed, lost: 0 };
  } finally {
    peer.stop();
    await peer.done;
  }
}

const placedOf = (r: StepResult) =>
  r.offered === r.asked ? '' : `SIPp placed ${r.offered} of the ${r.asked} asked, `;
const account = (r: StepResult & { rate: number }) =>
  `at ${r.rate}/s: ${placedOf(r)}${r.failed} of ${r.offered} failed, ${r.lost} lost${r.detail ? ` (${r.detail})` : ''}`;

/** SIPp alone at a rate, run once per rate for one run of the benchmark. */
type GeneratorCheck = (rate: number) => Promise<StepResult>;
function generatorChecks(): GeneratorCheck {
  const runs = new Map<number, Promise<StepResult>>();
  return (rate) => {
    if (!runs.has(rate)) runs.set(rate, generatorAlone(rate));
    return runs.get(rate)!;
  };
}

/**
 * Whose limit a step was, with SIPp alone at its rate: the load generator's when SIPp could not place the calls, or
 * when SIPp alone failed calls too and the step failed no more than ten times as large a share of them; else the
 * system's (calls lost, or failures SIPp alone does not have).
 */
async function whose(step: StepResult & { rate: number }, generatorAt: GeneratorCheck): Promise<string> {
  const alone = await generatorAt(step.rate);
  const generator = `SIPp alone against a ringing peer: ${placedOf(alone)}${alone.failed} of ${alone.offered} failed`;
  if (generatorBehind(step))
    return `the load generator (SIPp could not place the calls at that rate; ${generator})`;
  if (step.lost > 0) return `the system (calls lost; ${generator})`;
  const share = (r: StepResult) => r.failed / Math.max(1, r.offered);
  if (!clean(alone) && share(step) <= share(alone) * 10) return `the load generator (${generator})`;
  return `the system (${generator})`;
}

/** The first failing step and whose limit it was. */
async function limitOf(climbed: Climb, generatorAt: GeneratorCheck): Promise<string> {
  if (!climbed.failedAt) return `held the top step (${LADDER.at(-1)}/s): the ladder is too short`;
  return `${account(climbed.failedAt)}; limit: ${await whose(climbed.failedAt, generatorAt)}`;
}

/** Where the climb past SIPp's own failures stopped, and whose limit that was. */
async function stopOf(climbed: Climb, generatorAt: GeneratorCheck): Promise<string> {
  const at = climbed.stoppedAt;
  if (!at)
    return `every call reached its end up to the top step (${LADDER.at(-1)}/s): the ladder is too short`;
  return `${account(at)}; stopped: ${await whose(at, generatorAt)}`;
}

const shareOf = (full: number, bare: number) =>
  bare > 0 ? Math.round((full / bare) * 1000) / 10 : Number.NaN;

/** The two ceilings, whose limits they are, and the whole stack as a share of bare Kamailio. */
export async function ceilingRows(full: Climb, bare: Climb): Promise<BenchRow[]> {
  const generatorAt = generatorChecks();
  const share = shareOf(full.held, bare.held);
  const reachedShare = shareOf(full.allReached, bare.allReached);
  return [
    {
      area: 'telephony',
      name: `whole stack: highest rate held ${FULL_STEP_SECONDS} s, zero failed or unrecorded calls`,
      throughput: full.held,
      samples: full.held * FULL_STEP_SECONDS,
      note: await limitOf(full, generatorAt),
      target: '>= 1,000 calls/s',
      met: full.held >= 1000,
    },
    {
      area: 'telephony',
      name: `whole stack: highest rate held ${FULL_STEP_SECONDS} s with every call recorded (SIPp's own failures aside)`,
      throughput: full.allReached,
      samples: full.allReached * FULL_STEP_SECONDS,
      note: await stopOf(full, generatorAt),
    },
    {
      area: 'telephony',
      name: `bare Kamailio (same script, a controller routing nothing): highest rate held ${BARE_STEP_SECONDS} s`,
      throughput: bare.held,
      samples: bare.held * BARE_STEP_SECONDS,
      note: await limitOf(bare, generatorAt),
    },
    {
      area: 'telephony',
      name: `bare Kamailio: highest rate held ${BARE_STEP_SECONDS} s with every arrival reaching the controller (SIPp's own failures aside)`,
      throughput: bare.allReached,
      samples: bare.allReached * BARE_STEP_SECONDS,
      note: await stopOf(bare, generatorAt),
    },
    {
      area: 'telephony',
      name: 'whole stack as a share of bare Kamailio (zero failed)',
      value: share,
      unit: '%',
      samples: 2,
      target: `>= ${SHARE_TARGET} %`,
      met: share >= SHARE_TARGET,
    },
    {
      area: 'telephony',
      name: "whole stack as a share of bare Kamailio (every call through, SIPp's own failures aside)",
      value: reachedShare,
      unit: '%',
      samples: 2,
      target: `>= ${SHARE_TARGET} %`,
      met: reachedShare >= SHARE_TARGET,
    },
  ];
}
