// The connection to Kamailio's evapi: netstring JSON both ways, reconnects with backoff.
import { Socket } from 'node:net';
import type { Logger } from 'pino';
import { encodeNetstring, NetstringDecoder } from './netstring.ts';

export type EvapiEvent = Record<string, unknown> & { event: string };

export class EvapiClient {
  private socket?: Socket;
  private stopped = false;
  private backoffMs = 100;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly log: Logger,
    private readonly onEvent: (event: EvapiEvent) => void,
    private readonly onConnect: () => void,
  ) {}

  start(): void {
    this.connect();
  }

  get connected(): boolean {
    return this.socket?.readyState === 'open';
  }

  send(command: Record<string, unknown>): boolean {
    if (!this.connected) return false;
    this.socket!.write(encodeNetstring(JSON.stringify(command)));
    return true;
  }

  stop(): void {
    this.stopped = true;
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
      this.log.info({ port: this.port }, 'evapi connected');
      this.onConnect();
    });
    socket.on('data', (chunk) => {
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch (err) {
        this.log.error({ err }, 'evapi framing broken; reconnecting');
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        try {
          this.onEvent(JSON.parse(frame) as EvapiEvent);
        } catch (err) {
          this.log.error({ err, frame: frame.slice(0, 200) }, 'evapi event not handled');
        }
      }
    });
    socket.on('error', (err) => this.log.warn({ err: err.message }, 'evapi socket error'));
    socket.on('close', () => {
      if (this.stopped) return;
      const wait = this.backoffMs;
      this.backoffMs = Math.min(5000, this.backoffMs * 2);
      setTimeout(() => this.connect(), wait).unref();
    });
    socket.connect(this.port, this.host);
  }
}
