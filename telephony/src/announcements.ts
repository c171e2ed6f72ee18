// Announcements while waiting: once a queued call has waited ANNOUNCE_AFTER_SECONDS, Kamailio offers the caller's
// SDP to rtpengine (route[ANNOUNCE_NOW]), call control makes the relay's answer over ng and Kamailio sends the
// caller that answer in a 183 (early media, route[EARLY_MEDIA_NOW]); then the Vietnamese and English messages play, ringback
// after them, again every ANNOUNCE_EVERY_SECONDS, until the call is offered to a call-taker or leaves the queue.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { KamailioCommand } from './acd.ts';
import type { TelephonyConfig } from './config.ts';
import { type KamailioEvent, kamailioMicros } from './kamailio-events.ts';
import { wavDurationMs } from './wav-duration.ts';

export interface AnnouncementFile {
  file: string;
  durationMs: number;
}

export interface AnnouncementSettings {
  afterMs: number;
  everyMs: number;
  /** Played in order each cycle (Vietnamese, then English). */
  messages: AnnouncementFile[];
  /** Played after the messages and while a call-taker's phone rings. */
  ringback: string;
}

/** The relay's answer for the announcement: the caller-facing SDP (rtpengine-ng.ts, answerForAnnouncement). */
export type AnswerForAnnouncement = (callId: string, fromTag: string) => Promise<string>;

/** Timers a test can drive; the process's own by default. */
export interface Timers {
  now(): number;
  set(fn: () => void, ms: number): NodeJS.Timeout;
  clear(timer: NodeJS.Timeout): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
  clear: (t) => clearTimeout(t),
};

interface Waiting {
  tindex: number;
  tlabel: number;
  /** The caller has early media from the relay. */
  announced: boolean;
  /** Offered to a call-taker (ringing): no 183 now. */
  offered: boolean;
  timers: NodeJS.Timeout[];
}

/** The configured messages, or null (announcements off) when ANNOUNCE_AFTER_SECONDS is 0 or a file is unusable. */
export function announcementSettings(config: TelephonyConfig, log: Logger): AnnouncementSettings | null {
  if (config.ANNOUNCE_AFTER_SECONDS === 0) return null;
  const files = [
    config.ANNOUNCE_FILE_VI ?? join(config.ANNOUNCE_DIR, 'vi.wav'),
    config.ANNOUNCE_FILE_EN ?? join(config.ANNOUNCE_DIR, 'en.wav'),
    config.ANNOUNCE_RINGBACK_FILE ?? join(config.ANNOUNCE_DIR, 'ringback.wav'),
  ];
  try {
    const [vi, en, ringback] = files.map((file) => {
      if (!existsSync(file)) throw new Error(`${file} does not exist`);
      return { file, durationMs: wavDurationMs(file) };
    }) as [AnnouncementFile, AnnouncementFile, AnnouncementFile];
    return {
      afterMs: config.ANNOUNCE_AFTER_SECONDS * 1000,
      everyMs: config.ANNOUNCE_EVERY_SECONDS * 1000,
      messages: [vi, en],
      ringback: ringback.file,
    };
  } catch (err) {
    // Calls must flow without them: call control starts, and says why callers will hear only ringback.
    log.error({ err }, 'announcements off: a message file is unusable');
    return null;
  }
}

export class Announcements {
  private readonly calls = new Map<string, Waiting>();
  /** Callers are hearing only ringback (the relay down or refusing): said once, again when it is over. */
  private skipping = false;

  constructor(
    private readonly settings: AnnouncementSettings,
    private readonly kamailio: KamailioCommand,
    private readonly answer: AnswerForAnnouncement,
    private readonly log: Logger,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Follows Kamailio's events for the calls that wait (before the ACD acts on them). */
  observe(e: KamailioEvent): void {
    switch (e.event) {
      case 'arrived':
      case 'queued':
        this.waiting(e.callId, e.tindex, e.tlabel, kamailioMicros(e.at) / 1000);
        break;
      case 'announce-offered':
        this.earlyMedia(e.callId, e.fromTag, e.tindex, e.tlabel);
        break;
      case 'announced':
        this.announced(e.callId, e.ok === 1);
        break;
      case 'fallback':
      case 'overflow':
        this.offered(e.callId);
        break;
      case 'answered':
        // Kamailio stops the message on the 200 already; this covers a relay that did not.
        if (this.calls.get(e.callId)?.announced) this.kamailio({ cmd: 'stop-media', callId: e.callId });
        this.forget(e.callId);
        break;
      case 'cancel':
      case 'unanswered':
      case 'gone':
      case 'ended':
        this.forget(e.callId);
        break;
    }
  }

  /** Call control offers the call to a call-taker: the messages stop, the caller hears ringback. */
  offered(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    call.offered = true;
    this.stopTimers(call);
    if (call.announced) this.play(callId, this.settings.ringback);
  }

  /** Stops every timer (call control stops or loses the lead). */
  stop(): void {
    for (const call of this.calls.values()) this.stopTimers(call);
    this.calls.clear();
  }

  private waiting(callId: string, tindex: number, tlabel: number, arrivedMs: number): void {
    const known = this.calls.get(callId);
    const call = known ?? { tindex, tlabel, announced: false, offered: false, timers: [] };
    call.offered = false;
    call.tindex = tindex;
    call.tlabel = tlabel;
    this.calls.set(callId, call);
    // Back in the queue after an offer: the messages start again at once, then every cycle.
    if (call.announced) {
      this.cycle(callId, call);
      return;
    }
    if (call.timers.length > 0) return;
    const due = arrivedMs + this.settings.afterMs - this.timers.now();
    call.timers.push(
      this.timers.set(() => {
        call.timers = [];
        this.kamailio({ cmd: 'announce', tindex: call.tindex, tlabel: call.tlabel, callId });
      }, due),
    );
  }

  /** Kamailio offered the caller's SDP to the relay: answer it, and have Kamailio send the caller a 183 with it. */
  private earlyMedia(callId: string, fromTag: string, tindex: number, tlabel: number): void {
    this.answer(callId, fromTag).then(
      (sdp) => {
        const call = this.calls.get(callId);
        // Offered to a call-taker or gone meanwhile: the caller hears ringback, then the call-taker.
        if (!call || call.offered) return;
        if (!this.kamailio({ cmd: 'early-media', tindex, tlabel, callId, sdp }))
          this.log.warn({ sipCallId: callId }, 'early media not sent: Kamailio is not connected');
      },
      (err: unknown) => this.skipped(callId, err),
    );
  }

  private announced(callId: string, ok: boolean): void {
    const call = this.calls.get(callId);
    if (!call) return;
    if (!ok) {
      this.skipped(callId);
      return;
    }
    if (this.skipping) this.log.info({ sipCallId: callId }, 'announcements play again');
    this.skipping = false;
    call.announced = true;
    this.cycle(callId, call);
  }

  /**
   * No early media for this caller (the media relay is down or refused it): the call waits on with ringback. Logged
   * once until an announcement plays again, not once per waiting caller.
   */
  private skipped(callId: string, err?: unknown): void {
    const fields = { sipCallId: callId, ...(err === undefined ? {} : { err }) };
    if (this.skipping) {
      this.log.debug(fields, 'announcement skipped: the caller hears ringback');
      return;
    }
    this.skipping = true;
    this.log.warn(
      fields,
      'announcements skipped (no early media from the media relay): callers hear ringback',
    );
  }

  /** The messages one after another, then ringback; the next cycle starts ANNOUNCE_EVERY_SECONDS later. */
  private cycle(callId: string, call: Waiting): void {
    this.stopTimers(call);
    let at = 0;
    for (const message of this.settings.messages) {
      call.timers.push(this.timers.set(() => this.play(callId, message.file), at));
      at += message.durationMs;
    }
    call.timers.push(this.timers.set(() => this.play(callId, this.settings.ringback), at));
    call.timers.push(this.timers.set(() => this.cycle(callId, call), this.settings.everyMs));
  }

  private play(callId: string, file: string): void {
    this.kamailio({ cmd: 'play', callId, file });
  }

  private forget(callId: string): void {
    const call = this.calls.get(callId);
    if (call) this.stopTimers(call);
    this.calls.delete(callId);
  }

  private stopTimers(call: Waiting): void {
    for (const t of call.timers) this.timers.clear(t);
    call.timers = [];
  }
}
