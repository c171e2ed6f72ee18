// SIPp as the peers of a telephony test: citizens dialing an emergency number and call-takers' phones that
// register with Kamailio and answer. Used by the server's call tests and the whole-system tests alike.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DigestCredentials, ephemeralCredentials } from './sip-credentials.ts';
import { freePort } from './free-port.ts';

/** The SIPp scenarios of the project (telephony/test/scenarios). */
export const SCENARIOS = resolve(import.meta.dirname, '../test/scenarios');

/** Where SIPp sends: Kamailio's SIP address as `ip:port`, and the secret its phones' credentials are signed with. */
export interface SipEdge {
  target: string;
  sipSecret: string;
}

export interface SippRun {
  /** SIPp's exit code (0: every call succeeded). */
  done: Promise<number>;
  /**
   * Resolves when every call succeeded; otherwise rejects with SIPp's own account of what went wrong. With
   * `withinMs`, a SIPp still running then (a call that never ended) is stopped and the wait fails saying so.
   */
  ok(withinMs?: number): Promise<void>;
  stop(): void;
  /**
   * How many calls SIPp placed, from the statistics screen it prints on exit (undefined if it printed none): fewer
   * than asked when it fell behind on a loaded machine and its -timeout ended it, which it does not count as failed.
   */
  placed(): number | undefined;
  /** The calls SIPp counted as failed in the statistics it prints on exit (undefined if it printed none). */
  failedCount(): number | undefined;
}

/** The cumulative column of one row of SIPp's statistics screen; the last screen printed wins. */
function sippStatistic(screen: string, row: string): number | undefined {
  const all = [...screen.matchAll(new RegExp(`${row}\\s*\\|[^|]*\\|\\s*(\\d+)`, 'g'))];
  const last = all.at(-1)?.[1];
  return last === undefined ? undefined : Number(last);
}

/** How much of SIPp's screen output is kept: the statistics screen it prints on exit is about 3.5 KB. */
const SCREEN_TAIL = 16_384;

const live = new Set<ChildProcess>();

/** Where SIPp runs: `cwd` holds the files its scenario streams (tone.ulaw). */
export interface SippPlace {
  cwd?: string;
}

/** Runs one SIPp scenario to its end. */
export function sipp(
  scenario: string,
  target: string,
  args: string[],
  keys: Record<string, string | number> = {},
  place: SippPlace = {},
): SippRun {
  const dir = mkdtempSync(join(tmpdir(), 'e112-sipp-'));
  const errorFile = join(dir, 'errors.log');
  const keyArgs = Object.entries(keys).flatMap(([k, v]) => ['-key', k, String(v)]);
  const child = spawn(
    'sipp',
    [target, '-sf', join(SCENARIOS, scenario), '-i', '127.0.0.1', '-nostdin', '-timeout', '60s'].concat(
      ['-trace_err', '-error_file', errorFile],
      args,
      keyArgs,
    ),
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: place.cwd },
  );
  let screen = '';
  child.stdout?.on('data', (d: Buffer) => {
    screen = (screen + d.toString()).slice(-SCREEN_TAIL);
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  live.add(child);
  const done = new Promise<number>((ok) =>
    child.once('exit', (code) => {
      live.delete(child);
      ok(code ?? -1);
    }),
  );
  const report = () => {
    let errors = '';
    try {
      errors = readFileSync(errorFile, 'utf8');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
    return `${stderr.trim()}\n${errors.trim()}`.slice(0, 4000);
  };
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // A SIPp stuck in its event loop may not act on SIGTERM.
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 5000).unref();
  };
  return {
    done,
    async ok(withinMs?: number) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        if (withinMs !== undefined) timer = setTimeout(() => resolve('late'), withinMs);
      });
      const code = await Promise.race([done, late]).finally(() => clearTimeout(timer));
      if (code === 'late') {
        stop();
        await done;
        throw new Error(
          `SIPp ${scenario} had not finished after ${withinMs! / 1000} s (its call never ended) and was stopped:\n${report()}`,
        );
      }
      const text = report();
      if (code !== 0) throw new Error(`SIPp ${scenario} exited ${code}:\n${text}`);
    },
    stop,
    placed: () => sippStatistic(screen, 'Outgoing calls created'),
    failedCount: () => sippStatistic(screen, 'Failed call'),
  };
}

export interface Phone {
  extension: string;
  port: number;
  run: SippRun;
}

export interface RegisterOptions {
  expires?: number;
  /** Default: short-lived credentials of the extension, as the server issues the console's. */
  credentials?: DigestCredentials;
  /** SIPp's transport: u1 (UDP, default) or t1 (TCP). */
  transport?: 'u1' | 't1';
}

/** A registration is one REGISTER and its challenge: longer than this, something hangs. */
const REGISTER_WITHIN_MS = 60_000;

/**
 * Registers `extension` with Kamailio for a phone listening on `port` (expires 0 unregisters), answering the
 * digest challenge with its credentials.
 */
export async function register(
  edge: SipEdge,
  extension: string,
  port: number,
  options: RegisterOptions = {},
) {
  const { username, password } = options.credentials ?? ephemeralCredentials(edge.sipSecret, extension);
  await sipp(
    'register.xml',
    edge.target,
    ['-m', '1', '-t', options.transport ?? 'u1', '-au', username, '-ap', password],
    {
      ext: extension,
      contact_port: port,
      expires: options.expires ?? 3600,
    },
  ).ok(REGISTER_WITHIN_MS);
}

const registered = new Map<string, Phone[]>();

/** After a test: stops the SIPp callers and phones still running, unregisters every phone it registered. */
export async function unregisterPhones(edge: SipEdge): Promise<void> {
  for (const child of live) child.kill('SIGKILL');
  const phones = registered.get(edge.target) ?? [];
  registered.delete(edge.target);
  for (const phone of phones) await register(edge, phone.extension, phone.port, { expires: 0 });
}

/** A call-taker phone: SIPp answering `calls` calls on a free port, registered to Kamailio as `extension`. */
export async function startPhone(
  edge: SipEdge,
  extension: string,
  options: { scenario?: string; calls?: number; registerIt?: boolean; args?: string[] } & SippPlace = {},
): Promise<Phone> {
  const port = await freePort();
  const run = sipp(
    options.scenario ?? 'call-taker-answers.xml',
    edge.target,
    ['-p', String(port), '-m', String(options.calls ?? 1), ...(options.args ?? [])],
    { ext: extension },
    options,
  );
  const phone = { extension, port, run };
  if (options.registerIt !== false) await registerPhone(edge, phone);
  return phone;
}

/** Registers a phone started with registerIt: false (unregistered again by unregisterPhones). */
export async function registerPhone(edge: SipEdge, phone: Phone): Promise<void> {
  await register(edge, phone.extension, phone.port);
  registered.set(edge.target, [...(registered.get(edge.target) ?? []), phone]);
}

/**
 * What every SIPp caller is run with: it ignores what comes while it pauses before hanging up (a 183 with the
 * centre's recorded messages once it has waited ANNOUNCE_AFTER_SECONDS, or a call-taker's phone ringing). SIPp
 * 3.6 mishandles an optional message matched during a pause (the call never wakes), so the scenarios cannot
 * simply list it there.
 */
export const CALLER_ARGS: readonly string[] = ['-pause_msg_ign'];

/** A citizen dialing `service` from `caller`; `scenario` says what they do. */
export function dial(
  edge: SipEdge,
  caller: string,
  options: {
    service?: string;
    scenario?: string;
    args?: string[];
    keys?: Record<string, string>;
  } & SippPlace = {},
): SippRun {
  return sipp(
    options.scenario ?? 'caller-answered.xml',
    edge.target,
    ['-s', options.service ?? '112', '-m', '1', ...CALLER_ARGS, ...(options.args ?? [])],
    { caller, ...options.keys },
    options,
  );
}
