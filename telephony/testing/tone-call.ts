// A call where both sides speak a known tone: a SIPp phone answers streaming one tone, a SIPp caller talks another
// for a set time, each on its own media port (optionally captured on loopback). What the media, recording and
// relay tests share; each states only its tones, its scenarios and what it checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeMediaPort } from './free-port.ts';
import { captureRtp, type RtpPacket } from './rtp-capture.ts';
import { dial, type Phone, type SipEdge, type SippRun, startPhone } from './sipp-peers.ts';
import { writeTone } from './tone.ts';

const toneDirs = new Map<number, Promise<string>>();

/** A folder holding `tone.ulaw` at `hz`, where a SIPp peer runs and streams it from; one per tone and process. */
export function toneDir(hz: number): Promise<string> {
  let dir = toneDirs.get(hz);
  if (!dir) {
    const made = mkdtempSync(join(tmpdir(), `e112-tone-${hz}-`));
    if (toneDirs.size === 0)
      process.once('exit', () => {
        for (const d of toneDirs.values())
          void d.then((path) => rmSync(path, { recursive: true, force: true }));
      });
    dir = writeTone(made, hz).then(() => made);
    toneDirs.set(hz, dir);
  }
  return dir;
}

export interface ToneCallOptions {
  extension: string;
  caller: string;
  callerHz: number;
  phoneHz: number;
  /** How long the caller talks once answered (SIPp -d). */
  callMs: number;
  phoneScenario?: string;
  callerScenario?: string;
  /** Capture RTP to and from both media ports from before the call. */
  capture?: boolean;
  /** Runs once the phone is registered, before the caller dials (e.g. the call-taker goes ready). */
  beforeDial?: () => Promise<unknown>;
}

export interface ToneCall {
  phone: Phone;
  caller: SippRun;
  callerMedia: number;
  phoneMedia: number;
  /** Waits for both SIPp peers to end well; the captured packets (empty without `capture`). */
  finished(): Promise<RtpPacket[]>;
}

export async function toneCall(edge: SipEdge, options: ToneCallOptions): Promise<ToneCall> {
  const callerMedia = await freeMediaPort();
  const phoneMedia = await freeMediaPort();
  const capture = options.capture
    ? await captureRtp(`udp and (port ${callerMedia} or port ${phoneMedia})`)
    : undefined;
  const phone = await startPhone(edge, options.extension, {
    scenario: options.phoneScenario ?? 'call-taker-answers-tone.xml',
    args: ['-mi', '127.0.0.1', '-mp', String(phoneMedia)],
    cwd: await toneDir(options.phoneHz),
  });
  await options.beforeDial?.();
  const caller = dial(edge, options.caller, {
    scenario: options.callerScenario ?? 'caller-talks-tone.xml',
    args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', String(options.callMs)],
    cwd: await toneDir(options.callerHz),
  });
  return {
    phone,
    caller,
    callerMedia,
    phoneMedia,
    async finished() {
      try {
        await caller.ok();
        await phone.run.ok();
      } catch (err) {
        await capture?.stop().catch(() => undefined);
        throw err;
      }
      return capture ? capture.stop() : [];
    },
  };
}
