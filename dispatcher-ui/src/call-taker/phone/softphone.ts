// The console's SIP phone: registers the call-taker's extension with Kamailio over SIP over WebSocket (JsSIP) and
// keeps the calls offered to it by SIP Call-ID, which is the call's sipCallId (Kamailio proxies with one Call-ID).
import type { SipCredentials } from '@hcm112/shared';
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent, UnRegisteredEvent } from 'jssip/lib/UA';
import { SoftphoneNoCall } from './softphone-errors.ts';

export type RegistrationState = 'connecting' | 'registered' | 'unregistered' | 'failed';

export type SoftphoneCallState = 'ringing' | 'connecting' | 'active' | 'ended';

export interface SoftphoneCall {
  callId: string;
  state: SoftphoneCallState;
  muted: boolean;
  held: boolean;
}

export interface SoftphoneListener {
  registration(state: RegistrationState, cause?: string): void;
  calls(calls: readonly SoftphoneCall[]): void;
  remoteStream(stream: MediaStream | null): void;
}

/** An INVITE that reaches the browser a moment after the console learnt of the call is waited for this long. */
const SESSION_WAIT_MS = 5_000;

export class Softphone {
  private readonly ua: UA;
  private readonly sessions = new Map<string, { session: RTCSession; call: SoftphoneCall }>();
  private readonly arrivals = new Set<() => void>();

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
    this.update(callId, { state: 'connecting' });
    entry.session.answer({ mediaStream: microphone, pcConfig: { iceServers: [] } });
  }

  /** Sends this microphone from now on in every call, e.g. after another was chosen or one was unplugged. */
  sendMicrophone(microphone: MediaStream): void {
    const [track] = microphone.getAudioTracks();
    if (!track) return;
    for (const { session, call } of this.sessions.values()) {
      if (session.isEnded() || !session.connection) continue;
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
    const entry = this.sessions.get(callId);
    if (entry?.call.state !== 'active' || !entry.session.connection) return;
    const { muted, held } = { ...entry.call, ...change };
    for (const sender of entry.session.connection.getSenders())
      if (sender.track?.kind === 'audio') sender.track.enabled = !muted && !held;
    for (const receiver of entry.session.connection.getReceivers())
      if (receiver.track.kind === 'audio') receiver.track.enabled = !held;
    this.update(callId, { muted, held });
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
      peerconnection.addEventListener('track', (e) => this.listener.remoteStream(e.streams[0] ?? null));
    });
    session.on('confirmed', () => this.update(callId, { state: 'active' }));
    const end = () => {
      this.update(callId, { state: 'ended' });
      this.sessions.delete(callId);
      this.listener.remoteStream(null);
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
