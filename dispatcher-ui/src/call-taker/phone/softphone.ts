// The console's SIP phone: registers the call-taker's extension with Kamailio over SIP over WebSocket (JsSIP) and
// keeps the calls offered to it by SIP Call-ID, which is the call's sipCallId (Kamailio proxies with one Call-ID);
// and its calls out (an agency, a colleague, a callback) by leg, with a three-way conference mixed in WebAudio.
import type { DialGrant, SipCredentials } from '@hcm112/shared';
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent, UnRegisteredEvent } from 'jssip/lib/UA';
import { ConferenceMixer } from './conference-mixer.ts';
import { SoftphoneNoCall } from './softphone-errors.ts';

export type RegistrationState = 'connecting' | 'registered' | 'unregistered' | 'failed';

export type SoftphoneCallState = 'ringing' | 'connecting' | 'active' | 'ended';

export interface SoftphoneCall {
  callId: string;
  state: SoftphoneCallState;
  muted: boolean;
  held: boolean;
}

/** A call out: dialing, active (answered), or over; `reason` says why one failed (busy, no answer...). */
export interface SoftphoneLeg {
  legId: string;
  sipCallId: string | null;
  state: 'dialing' | 'active' | 'ended' | 'failed';
  reason: string | null;
  /** Mixed with the caller's call (`callerCallId`) in a conference; `withdrawn`: the call-taker is not heard. */
  conference: boolean;
  withdrawn: boolean;
}

export interface SoftphoneListener {
  registration(state: RegistrationState, cause?: string): void;
  calls(calls: readonly SoftphoneCall[]): void;
  legs(legs: readonly SoftphoneLeg[]): void;
  /** What the call-taker hears: the caller, the party called out, or both in a conference. */
  remoteStream(stream: MediaStream | null): void;
}

interface LegEntry {
  session: RTCSession;
  leg: SoftphoneLeg;
  stream: MediaStream | null;
}

interface Conference {
  callerCallId: string;
  legId: string;
  mixer: ConferenceMixer;
}

/** An INVITE that reaches the browser a moment after the console learnt of the call is waited for this long. */
const SESSION_WAIT_MS = 5_000;

export class Softphone {
  private readonly ua: UA;
  private readonly sessions = new Map<string, { session: RTCSession; call: SoftphoneCall }>();
  private readonly arrivals = new Set<() => void>();
  private readonly callerStreams = new Map<string, MediaStream>();
  private readonly legs = new Map<string, LegEntry>();
  private conference: Conference | null = null;
  private microphone: MediaStream | null = null;

  constructor(
    credentials: SipCredentials,
    private readonly listener: SoftphoneListener,
  ) {
    this.ua = new UA({
      sockets: [new WebSocketInterface(credentials.wsUrl)],
      uri: `sip:${credentials.extension}@${credentials.realm}`,
      authorization_user: credentials.username,
      password: credentials.password,
      realm: credentials.realm,
      register: true,
      register_expires: 300,
      session_timers: false,
      user_agent: 'hcm112-console',
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 10,
    });
    this.ua.on('connecting', () => listener.registration('connecting'));
    this.ua.on('registered', () => listener.registration('registered'));
    this.ua.on('unregistered', () => listener.registration('unregistered'));
    this.ua.on('disconnected', () => listener.registration('failed', 'disconnected'));
    this.ua.on('registrationFailed', (e: UnRegisteredEvent) =>
      listener.registration('failed', String(e.cause ?? 'failed')),
    );
    this.ua.on('newRTCSession', (e: RTCSessionEvent) => {
      if (e.originator === 'remote') this.track(e.session, e.request.getHeader('Call-ID'));
    });
  }

  start(): void {
    this.listener.registration('connecting');
    this.ua.start();
  }

  /** Ends every call and unregisters, so the extension stops ringing here. */
  stop(): void {
    for (const { session } of this.sessions.values()) if (!session.isEnded()) session.terminate();
    for (const { session } of this.legs.values()) if (!session.isEnded()) session.terminate();
    this.endConference();
    this.ua.stop();
  }

  /** New short-lived credentials, used from the next REGISTER on; re-registers at once. */
  renew(credentials: SipCredentials): void {
    this.ua.set('authorization_user', credentials.username);
    this.ua.set('password', credentials.password);
    if (this.ua.isConnected()) this.ua.register();
  }

  get inCall(): boolean {
    return [...this.sessions.values()].some(({ call }) => call.state !== 'ended');
  }

  /** Answers the call with this Call-ID with the microphone's stream, waiting briefly for its INVITE. */
  async answer(callId: string, microphone: MediaStream): Promise<void> {
    const entry = this.sessions.get(callId) ?? (await this.waitForSession(callId));
    if (entry.call.state !== 'ringing') return;
    this.microphone = microphone;
    this.update(callId, { state: 'connecting' });
    entry.session.answer({ mediaStream: microphone, pcConfig: { iceServers: [] } });
  }

  /** Sends this microphone from now on in every call, e.g. after another was chosen or one was unplugged. */
  sendMicrophone(microphone: MediaStream): void {
    const [track] = microphone.getAudioTracks();
    if (!track) return;
    this.microphone = microphone;
    this.conference?.mixer.setMicrophone(microphone);
    for (const { session } of this.legs.values())
      if (!session.isEnded() && session.connection && !this.conference)
        for (const sender of session.connection.getSenders())
          if (sender.track?.kind === 'audio') void sender.replaceTrack(track.clone());
    for (const { session, call } of this.sessions.values()) {
      if (session.isEnded() || !session.connection) continue;
      if (this.conference?.callerCallId === call.callId) continue;
      for (const sender of session.connection.getSenders()) {
        if (sender.track?.kind !== 'audio') continue;
        const silent = call.muted || call.held;
        const sent = silent ? track.clone() : track;
        sent.enabled = !silent;
        void sender.replaceTrack(sent);
      }
    }
  }

  hangUp(callId: string): void {
    const entry = this.sessions.get(callId);
    if (entry && !entry.session.isEnded()) entry.session.terminate();
  }

  setMuted(callId: string, muted: boolean): void {
    this.setAudio(callId, { muted });
  }

  /**
   * Hold is kept in the browser: the microphone and the caller's audio stop, the SIP dialog is not touched.
   * A hold re-INVITE would reach the caller with no media relay on in-dialog requests (Kamailio runs rtpengine
   * on the first INVITE only), and a failed re-INVITE ends the call: never acceptable on an emergency line.
   */
  setHeld(callId: string, held: boolean): void {
    this.setAudio(callId, { held });
  }

  private setAudio(callId: string, change: Partial<Pick<SoftphoneCall, 'muted' | 'held'>>): void {
    // In a conference, hold and mute act on the mix: Withdraw is the conference's mute.
    if (this.conference?.callerCallId === callId && (change.held || change.muted)) return;
    const entry = this.sessions.get(callId);
    if (entry?.call.state !== 'active' || !entry.session.connection) return;
    const { muted, held } = { ...entry.call, ...change };
    for (const sender of entry.session.connection.getSenders())
      if (sender.track?.kind === 'audio') sender.track.enabled = !muted && !held;
    for (const receiver of entry.session.connection.getReceivers())
      if (receiver.track.kind === 'audio') receiver.track.enabled = !held;
    this.update(callId, { muted, held });
    this.publishHeadset();
  }

  /**
   * Calls out with the grant the server signed for this leg (the edge lets nothing else through), sending its own
   * copy of the microphone so holding the caller never silences the call out.
   */
  dialOut(legId: string, grant: DialGrant, microphone: MediaStream): void {
    this.microphone = microphone;
    const own = new MediaStream(microphone.getAudioTracks().map((t) => t.clone()));
    const leg: SoftphoneLeg = {
      legId,
      sipCallId: null,
      state: 'dialing',
      reason: null,
      conference: false,
      withdrawn: false,
    };
    const session = this.ua.call(grant.uri, {
      extraHeaders: grant.headers,
      mediaStream: own,
      pcConfig: { iceServers: [] },
      eventHandlers: {
        sending: (e) => this.updateLeg(legId, { sipCallId: e.request.call_id }),
      },
    });
    const entry: LegEntry = { session, leg, stream: null };
    this.legs.set(legId, entry);
    session.connection?.addEventListener('track', (e) => {
      entry.stream = e.streams[0] ?? null;
      this.publishHeadset();
    });
    session.on('confirmed', () => {
      this.updateLeg(legId, { state: 'active' });
      this.publishHeadset();
    });
    session.on('failed', (e) => this.legOver(legId, 'failed', failureReason(e)));
    session.on('ended', () => this.legOver(legId, 'ended', null));
    this.publishLegs();
  }

  hangUpLeg(legId: string): void {
    const entry = this.legs.get(legId);
    if (entry && !entry.session.isEnded()) entry.session.terminate();
  }

  /** Joins the caller's call and the answered call out in a three-way conference mixed here. */
  join(callerCallId: string, legId: string): void {
    const caller = this.sessions.get(callerCallId);
    const leg = this.legs.get(legId);
    const callerStream = this.callerStreams.get(callerCallId);
    if (!caller || !leg?.stream || !callerStream || !this.microphone || leg.leg.state !== 'active') return;
    this.endConference();
    this.setAudio(callerCallId, { held: false, muted: false });
    const mixer = new ConferenceMixer(this.microphone, callerStream, leg.stream);
    this.conference = { callerCallId, legId, mixer };
    replaceAudio(caller.session, mixer.toCaller);
    replaceAudio(leg.session, mixer.toOther);
    this.updateLeg(legId, { conference: true, withdrawn: false });
    this.publishHeadset();
  }

  /** Withdrawn: the call-taker is muted to both parties and keeps listening; false: heard again. */
  setWithdrawn(withdrawn: boolean): void {
    if (!this.conference) return;
    this.conference.mixer.setMicrophoneOn(!withdrawn);
    this.updateLeg(this.conference.legId, { withdrawn });
  }

  private legOver(legId: string, state: 'ended' | 'failed', reason: string | null): void {
    if (this.conference?.legId === legId) this.endConference();
    this.updateLeg(legId, { state, reason, conference: false, withdrawn: false });
    this.legs.delete(legId);
    this.publishHeadset();
  }

  /** The caller gets the call-taker's microphone back, and is no longer held for the call out. */
  private endConference(): void {
    const conference = this.conference;
    if (!conference) return;
    this.conference = null;
    conference.mixer.close();
    if (this.microphone) this.sendMicrophone(this.microphone);
    this.setAudio(conference.callerCallId, { held: false });
  }

  private updateLeg(legId: string, change: Partial<SoftphoneLeg>): void {
    const entry = this.legs.get(legId);
    if (!entry) return;
    entry.leg = { ...entry.leg, ...change };
    this.publishLegs();
  }

  private publishLegs(): void {
    this.listener.legs([...this.legs.values()].map(({ leg }) => leg));
  }

  /** The conference's mix; else an answered call out while the caller is held or gone; else the caller. */
  private publishHeadset(): void {
    this.listener.remoteStream(this.headsetStream());
  }

  private headsetStream(): MediaStream | null {
    if (this.conference) return this.conference.mixer.headset;
    const callerHeld = [...this.sessions.values()].every(({ call }) => call.held || call.state !== 'active');
    const out = [...this.legs.values()].find(({ leg, stream }) => leg.state === 'active' && stream);
    if (out && callerHeld) return out.stream;
    const [caller] = [...this.callerStreams.values()].slice(-1);
    return caller ?? out?.stream ?? null;
  }

  private waitForSession(callId: string): Promise<{ session: RTCSession; call: SoftphoneCall }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const entry = this.sessions.get(callId);
        if (!entry) return;
        this.arrivals.delete(check);
        clearTimeout(timer);
        resolve(entry);
      };
      const timer = setTimeout(() => {
        this.arrivals.delete(check);
        reject(new SoftphoneNoCall(callId));
      }, SESSION_WAIT_MS);
      this.arrivals.add(check);
    });
  }

  private track(session: RTCSession, callId: string): void {
    this.sessions.set(callId, { session, call: { callId, state: 'ringing', muted: false, held: false } });
    session.on('peerconnection', ({ peerconnection }) => {
      peerconnection.addEventListener('track', (e) => {
        const stream = e.streams[0];
        if (stream) this.callerStreams.set(callId, stream);
        this.publishHeadset();
      });
    });
    session.on('confirmed', () => this.update(callId, { state: 'active' }));
    const end = () => {
      if (this.conference?.callerCallId === callId) this.endConference();
      this.update(callId, { state: 'ended' });
      this.sessions.delete(callId);
      this.callerStreams.delete(callId);
      this.publishHeadset();
      this.publish();
    };
    session.on('ended', end);
    session.on('failed', end);
    this.publish();
    for (const arrived of [...this.arrivals]) arrived();
  }

  private update(callId: string, change: Partial<SoftphoneCall>): void {
    const entry = this.sessions.get(callId);
    if (!entry) return;
    entry.call = { ...entry.call, ...change };
    this.publish();
  }

  private publish(): void {
    this.listener.calls([...this.sessions.values()].map(({ call }) => call));
  }
}

function replaceAudio(session: RTCSession, track: MediaStreamTrack): void {
  for (const sender of session.connection?.getSenders() ?? [])
    if (sender.track?.kind === 'audio' || sender.track === null) void sender.replaceTrack(track);
}

/** Why a call out failed, as the console says it: the SIP answer when there was one, else JsSIP's cause. */
function failureReason(e: { cause: string; message?: unknown }): string {
  const m = e.message as { status_code?: number; reason_phrase?: string } | undefined;
  return m?.status_code ? `${m.status_code} ${m.reason_phrase ?? ''}`.trim() : e.cause;
}
