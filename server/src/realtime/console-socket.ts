// One console's websocket: which streams it follows, the last sequence it has of each, and replay-then-live
// delivery with no gap and no duplicate.
import { ClientMessage, type Role, type ServerMessage, type Stream } from '@hcm112/shared';
import type { WebSocket } from 'ws';
import type { Logger } from '../logger.ts';
import type { EventPublisher } from './publisher.ts';

export const STREAMS_BY_ROLE: Readonly<Record<Role, readonly Stream[]>> = Object.freeze({
  'call-taker': ['calls', 'incidents'],
  dispatcher: ['calls', 'incidents', 'units', 'cameras', 'alerts'],
  supervisor: ['calls', 'incidents', 'units', 'cameras', 'alerts'],
  admin: ['calls', 'incidents', 'units', 'cameras', 'alerts'],
});

/** A console that cannot keep up is cut off; it replays what it missed when it reconnects. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

interface Following {
  last: number;
  /** Live events that arrived while the replay was being read. */
  pending: Array<{ seq: number; raw: string }> | null;
}

export class ConsoleSocket {
  private readonly following = new Map<Stream, Following>();
  alive = true;

  constructor(
    private readonly ws: WebSocket,
    private readonly role: Role,
    private readonly events: EventPublisher,
    private readonly log: Logger,
  ) {
    ws.on('message', (data, isBinary) => {
      this.onMessage(isBinary ? '' : data.toString()).catch((err: unknown) => {
        this.log.error({ err }, 'console message failed');
        this.send({ type: 'error', code: 'internal', message: 'could not handle the message' });
      });
    });
    ws.on('pong', () => {
      this.alive = true;
    });
  }

  /** A live event from Redis, as the raw envelope JSON. */
  deliver(stream: Stream, seq: number, raw: string): void {
    const f = this.following.get(stream);
    if (!f) return;
    if (f.pending) {
      f.pending.push({ seq, raw });
      return;
    }
    this.sendEnvelope(f, seq, raw);
  }

  /** Called periodically: a console that did not answer the last ping is gone. */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  private sendEnvelope(f: Following, seq: number, raw: string): void {
    if (seq <= f.last) return;
    f.last = seq;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.close(1013, 'too slow: reconnect and resync');
      return;
    }
    this.ws.send(`{"type":"event","envelope":${raw}}`);
  }

  private send(message: ServerMessage): void {
    this.ws.send(JSON.stringify(message));
  }

  private async onMessage(text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.send({ type: 'error', code: 'invalid', message: 'message is not JSON' });
      return;
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'message';
      this.send({
        type: 'error',
        code: 'invalid',
        message: `invalid ${where}: ${parsed.error.issues[0]?.message}`,
      });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'ping') {
      this.send({ type: 'pong', id: msg.id });
      return;
    }
    const allowed = STREAMS_BY_ROLE[this.role];
    const refused = msg.streams.filter((s) => !allowed.includes(s));
    if (refused.length) {
      this.send({
        type: 'error',
        code: 'forbidden',
        message: `your role may not follow ${refused.join(', ')}`,
      });
      return;
    }
    const heads: Partial<Record<Stream, number>> = {};
    for (const stream of msg.streams) heads[stream] = await this.follow(stream, msg.since?.[stream]);
    this.send({ type: 'subscribed', streams: msg.streams, heads });
  }

  /** Replays what came after `since` (if given), then lets live events through. Returns the head reached. */
  private async follow(stream: Stream, since: number | undefined): Promise<number> {
    const f: Following = { last: 0, pending: [] };
    this.following.set(stream, f);
    const head = await this.events.head(stream);
    if (since === undefined) {
      f.last = head;
    } else {
      f.last = since;
      const missed = await this.events.since(stream, since);
      if (missed === null) {
        f.last = head;
        this.send({ type: 'resync-required', stream, head });
      } else {
        for (const env of missed) this.sendEnvelope(f, env.seq, JSON.stringify(env));
      }
    }
    const pending = f.pending ?? [];
    f.pending = null;
    for (const p of pending.sort((a, b) => a.seq - b.seq)) this.sendEnvelope(f, p.seq, p.raw);
    return f.last;
  }
}
