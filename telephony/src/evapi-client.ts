// The connection to Kamailio's evapi: netstring JSON both ways, authenticated with the evapi secret first,
// reconnects with backoff until stopped.
import { Socket } from 'node:net';
import type { Logger } from 'pino';
import { encodeNetstring, NetstringDecoder } from './netstring.ts';

export interface EvapiHandlers {
  frame(frame: string): void;
  connected(): void;
  closed(): void;
}

export class EvapiClient {
  private socket?: Socket;
  private running = false;
  private backoffMs = 100;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly secret: string,
    private readonly log: Logger,
    private readonly on: EvapiHandlers,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  get connected(): boolean {
    return this.running && this.socket?.readyState === 'open';
  }

  send(command: Record<string, unknown>): boolean {
    if (!this.connected) return false;
    this.socket!.write(encodeNetstring(JSON.stringify(command)));
    return true;
  }

  /** Closes the connection; Kamailio then counts no controller and keeps events for the next one. */
  stop(): void {
    this.running = false;
    clearTimeout(this.retry);
    this.socket?.destroy();
  }

  private connect(): void {
    const socket = new Socket();
    const decoder = new NetstringDecoder();
    this.socket = socket;
    // Small frames both ways: without this, Nagle plus delayed ACK stalls evapi by 20-45 ms.
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.backoffMs = 100;
      // Before anything else: Kamailio sends events only to, and obeys only, a connection that sent the secret.
      socket.write(encodeNetstring(JSON.stringify({ cmd: 'auth', secret: this.secret })));
      this.log.info({ port: this.port }, 'evapi connected');
      this.on.connected();
    });
    socket.on('data', (chunk) => {
      // Answer every chunk at once (a newline, which evapi skips between frames): the ACK rides on it, so
      // Kamailio's next small write is not held back by Nagle waiting for our delayed ACK (20-45 ms).
      socket.write('\n');
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch (err) {
        this.log.error({ err }, 'evapi framing broken; reconnecting');
        socket.destroy();
        return;
      }
      for (const frame of frames) this.on.frame(frame);
    });
    socket.on('error', (err) => this.log.warn({ err: err.message }, 'evapi socket error'));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.on.closed();
      if (!this.running) return;
      this.log.warn({ port: this.port }, 'evapi connection closed');
      const wait = this.backoffMs;
      this.backoffMs = Math.min(5000, this.backoffMs * 2);
      this.retry = setTimeout(() => this.connect(), wait);
      this.retry.unref();
    });
    socket.connect(this.port, this.host);
  }
}
