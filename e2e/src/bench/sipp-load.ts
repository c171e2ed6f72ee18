// SIPp callers as the benchmark's load: a rate split over several SIPp processes (one SIPp is one thread; at 800
// calls/s one SIPp against a trivial peer already failed calls on a loaded 2-core machine), and their failed calls counted.
import { CALLER_ARGS, type SippRun, sipp } from '@hcm112/telephony/testing';

/** The most calls/s one SIPp process is asked for; a higher rate is split over more processes. */
export const SIPP_MAX_RATE = 400;

/** What each caller sends: the SIPp scenario and its keys (the caller number's prefix is added). */
export interface CallerLoad {
  scenario: string;
  keys: Record<string, string>;
  /** Count failed calls from SIPp's error lines instead of its statistics (see failedCalls). */
  failuresFromErrors?: boolean;
}

export const PLAIN_CALLERS: CallerLoad = { scenario: 'bench-caller.xml', keys: {} };

/** What SIPp did with a load: the calls asked for, those it placed, and those it saw fail. */
export interface OfferedLoad {
  asked: number;
  /**
   * Calls SIPp placed, by its own count: fewer than asked when a SIPp fell behind on the loaded machine and its
   * global -timeout ended it (it calls that success), a limit of the load generator.
   */
  offered: number;
  failed: number;
  processes: number;
}

/**
 * Offers `count` calls at `rate` calls/s to `target`, each waiting `holdMs` then hanging up; callers' numbers start
 * with `prefix` (then the process's digit). Resolves with the calls SIPp placed and the ones it saw fail.
 */
export async function offerLoad(
  target: string,
  rate: number,
  count: number,
  holdMs: number,
  prefix: string,
  load: CallerLoad = PLAIN_CALLERS,
): Promise<OfferedLoad> {
  const processes = Math.max(1, Math.ceil(rate / SIPP_MAX_RATE));
  const share = Math.round(count / processes);
  const runs = Array.from({ length: processes }, (_, i) =>
    sipp(
      load.scenario,
      target,
      [
        // `rate` calls every `processes` seconds each: `rate` calls/s in all, whatever the split.
        ...['-s', '112', ...CALLER_ARGS, '-r', String(rate), '-rp', String(processes * 1000)],
        ...['-m', String(share), '-l', String(share), '-d', String(holdMs)],
      ],
      { ...load.keys, caller: `${prefix}${i}` },
    ),
  );
  // A SIPp that falls behind on a loaded machine can stall; past its schedule plus a minute it counts as failed.
  const guard = setTimeout(
    () => {
      for (const run of runs) run.stop();
    },
    (count / rate) * 1000 + holdMs + 60_000,
  );
  const failed = await Promise.all(runs.map((run) => failedCalls(run, load.failuresFromErrors ?? false)));
  clearTimeout(guard);
  // A SIPp stopped by the guard prints no statistics: its calls count as placed, and it as failed.
  const offered = runs.reduce((sum, run) => sum + (run.placed() ?? share), 0);
  return {
    asked: share * processes,
    offered,
    failed: failed.reduce((a, b) => a + b, 0),
    processes,
  };
}

/**
 * The calls SIPp counted as failed in its statistics; with `errorsOnly`, or from a SIPp that printed none (stopped by
 * the guard), its errors' "Aborting call" and "Dead call" lines, at least one: against the ringing peer SIPp counts
 * every call as failed (bench-caller.xml's last optional wait times out there), and its error report is cut at
 * 4,000 characters, so that count is a floor.
 */
async function failedCalls(run: SippRun, errorsOnly: boolean): Promise<number> {
  const code = await run.done;
  const counted = run.failedCount();
  if (!errorsOnly && counted !== undefined) return counted;
  if (code === 0) return 0;
  try {
    await run.ok();
    return 0;
  } catch (err) {
    return Math.max(1, (String(err).match(/Aborting call|Dead call/g) ?? []).length);
  }
}
