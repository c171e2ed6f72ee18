// SIPp traffic for the media and recording benchmarks: one SIPp desk phone of the fallback group (3001, no call
// control) answering every call with 440 Hz, and SIPp callers dialling 112 with 1 kHz, `calls` of them at `rate`
// per second, each talking `holdMs`. Both benchmarks measure the same calls differently.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import {
  freeMediaPort,
  freePort,
  type Kamailio,
  register,
  type SippRun,
  sipp,
  writeTone,
} from '@hcm112/telephony/testing';

/** FALLBACK_EXTS, CALLER_BURST and memory for a Kamailio that carries this traffic. */
export const TONE_TRAFFIC_KAMAILIO = {
  FALLBACK_EXTS: '3001',
  CALLER_BURST: '1000000',
  KAMAILIO_SHM_MB: '256',
};

export interface ToneTrafficOptions {
  calls: number;
  rate: number;
  holdMs: number;
  /** Runs once the phone is registered, before the first call (e.g. a capture starts). */
  beforeCalls?: () => Promise<unknown>;
}

export interface ToneTraffic {
  callerMedia: number;
  phoneMedia: number;
  callers: SippRun;
  /** The callers' SIPp exit code; they are stopped if they outlast every call by a minute. */
  exited: Promise<number>;
  /** After the callers: the phone stops and unregisters. */
  end(): Promise<void>;
}

/** Starts the phone and the callers; tones are written under `dir`. */
export async function startToneTraffic(
  kamailio: Kamailio,
  dir: string,
  options: ToneTrafficOptions,
): Promise<ToneTraffic> {
  const callerDir = mkdtempSync(join(dir, 'caller-'));
  const phoneDir = mkdtempSync(join(dir, 'phone-'));
  await writeTone(callerDir, 1000, options.holdMs / 1000 + 10);
  await writeTone(phoneDir, 440, options.holdMs / 1000 + 10);
  const [callerMedia, phoneMedia, phonePort] = [
    await freeMediaPort(),
    await freeMediaPort(),
    await freePort(),
  ];
  const phone = sipp(
    'call-taker-answers-tone.xml',
    kamailio.target,
    ['-p', String(phonePort), '-m', String(options.calls), '-mi', '127.0.0.1', '-mp', String(phoneMedia)],
    { ext: '3001' },
    { cwd: phoneDir },
  );
  await register(kamailio, '3001', phonePort);
  await options.beforeCalls?.();
  const callers = sipp(
    'caller-talks-tone.xml',
    kamailio.target,
    [
      '-s',
      '112',
      '-r',
      String(options.rate),
      '-m',
      String(options.calls),
      '-l',
      String(options.calls),
    ].concat(['-d', String(options.holdMs), '-mi', '127.0.0.1', '-mp', String(callerMedia)]),
    { caller: '0930000000' },
    { cwd: callerDir },
  );
  const guard = setTimeout(
    () => callers.stop(),
    (options.calls / options.rate) * 1000 + options.holdMs + 60_000,
  );
  return {
    callerMedia,
    phoneMedia,
    callers,
    exited: callers.done.finally(() => clearTimeout(guard)),
    async end() {
      phone.stop();
      await phone.done;
      await register(kamailio, '3001', phonePort, { expires: 0 });
    },
  };
}
