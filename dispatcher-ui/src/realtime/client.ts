// One websocket to the server for the whole console: reconnects with backoff, resubscribes with the last sequence
// seen per stream so the server replays what was missed, and tells listeners about events and connection state.
import { type EventEnvelope, ServerMessage, type Stream } from '@hcm112/shared';

/** Close code of a socket whose session the server ended (server/src/realtime/hub.ts). */
export const SESSION_ENDED_CLOSE = 4001;
/** Window event the session listens to, to show the login form again. */
export const SESSION_ENDED_EVENT = 'e112:session-ended';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The subset of the browser WebSocket the client uses, so tests can drive it with a fake socket. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface RealtimeOptions {
  url: string;
  streams: readonly Stream[];
  openSocket?: (url: string) => SocketLike;
  /** Reports whether the browser believes it has a network; "offline" is shown instead of "reconnecting". */
  isOnline?: () => boolean;
  /** Retry delays: base * 2^attempt, capped, with jitter from `random`. */
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  /** A socket silent for this long (no event, no pong) is treated as dead and replaced. */
  silenceMs?: number;
  pingEveryMs?: number;
}

type Listener<T> = (value: T) => void;

const OPEN = 1;

export class RealtimeClient {
  private socket: SocketLike | null = null;
  private stopped = true;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private everSubscribed = new Set<Stream>();
  private readonly seqs: Partial<Record<Stream, number>> = {};
  private current: ConnectionState = 'connecting';
  private readonly stateListeners = new Set<Listener<ConnectionState>>();
  private readonly eventListeners = new Set<Listener<EventEnvelope>>();
  private readonly resyncListeners = new Set<Listener<Stream>>();

  constructor(private readonly options: RealtimeOptions) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Last sequence applied per stream: what a resubscribe asks the server to replay after. */
  get lastSeq(): Readonly<Partial<Record<Stream, number>>> {
    return this.seqs;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
    const every = this.options.pingEveryMs ?? 10_000;
    this.pingTimer = setInterval(() => this.checkAlive(), every);
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'console closed');
    }
  }

  onState(listener: Listener<ConnectionState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onEvent(listener: Listener<EventEnvelope>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called when a stream's state must be fetched again: first subscription, or a gap too old to replay. */
  onResync(listener: Listener<Stream>): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Re-evaluates "offline" vs "reconnecting" and retries at once when the network comes back. */
  networkChanged(): void {
    if (this.stopped || this.current === 'live') return;
    if (this.options.isOnline?.() === false) {
      this.setState('offline');
      return;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.open();
    }
  }

  private open(): void {
    const openSocket = this.options.openSocket ?? ((url: string) => new WebSocket(url));
    const socket = openSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.lastHeard = Date.now();
      this.sendSubscribe(socket);
    };
    socket.onmessage = (ev) => {
      this.lastHeard = Date.now();
      if (typeof ev.data === 'string') this.receive(ev.data);
    };
    socket.onerror = () => {
      // The close event that always follows schedules the retry.
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      // The server ended the session (logout elsewhere, deactivated, idle): back to the login form, no retry.
      if (ev.code === SESSION_ENDED_CLOSE) {
        window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
        return;
      }
      this.scheduleRetry();
    };
  }

  private sendSubscribe(socket: SocketLike): void {
    const since: Partial<Record<Stream, number>> = {};
    for (const stream of this.options.streams) {
      const seq = this.seqs[stream];
      if (seq !== undefined) since[stream] = seq;
    }
    socket.send(JSON.stringify({ type: 'subscribe', streams: this.options.streams, since }));
  }

  private receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = ServerMessage.safeParse(json);
    if (!parsed.success) return;
    const msg = parsed.data;
    switch (msg.type) {
      case 'event':
        this.applyEnvelope(msg.envelope);
        return;
      case 'subscribed':
        this.subscribed(msg.streams, msg.heads);
        return;
      case 'resync-required':
        this.seqs[msg.stream] = msg.head;
        this.emitResync(msg.stream);
        return;
      default:
        return;
    }
  }

  private applyEnvelope(envelope: EventEnvelope): void {
    const last = this.seqs[envelope.stream];
    if (last !== undefined && envelope.seq <= last) return;
    this.seqs[envelope.stream] = envelope.seq;
    for (const listener of this.eventListeners) listener(envelope);
  }

  private subscribed(streams: readonly Stream[], heads: Partial<Record<Stream, number>>): void {
    this.attempt = 0;
    this.setState('live');
    for (const stream of streams) {
      const head = heads[stream] ?? 0;
      this.seqs[stream] = Math.max(this.seqs[stream] ?? 0, head);
      // Without a sequence the server replays nothing: whatever the screen loaded may predate the socket.
      if (!this.everSubscribed.has(stream)) {
        this.everSubscribed.add(stream);
        this.emitResync(stream);
      }
    }
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.setState(this.options.isOnline?.() === false ? 'offline' : 'reconnecting');
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 500, maxMs: 15_000 };
    const random = this.options.random ?? Math.random;
    const delay = Math.min(maxMs, baseMs * 2 ** this.attempt) * (0.75 + random() * 0.5);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  /** Pings the server; a socket that has been silent too long is closed so a fresh one can catch up. */
  private checkAlive(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    if (Date.now() - this.lastHeard > (this.options.silenceMs ?? 30_000)) {
      socket.onclose = null;
      socket.close(4000, 'silent');
      this.socket = null;
      this.scheduleRetry();
      return;
    }
    socket.send(JSON.stringify({ type: 'ping' }));
  }

  private setState(next: ConnectionState): void {
    if (next === this.current) return;
    this.current = next;
    for (const listener of this.stateListeners) listener(next);
  }

  private emitResync(stream: Stream): void {
    for (const listener of this.resyncListeners) listener(stream);
  }
}

/** The console's socket URL on the page's own host (the server, or Vite's proxy in development). */
export function defaultSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}
