// A console on the realtime websocket as a script sees it: every server message kept in order, waits bounded
// generously (a lost message fails the test rather than hanging it), and a promise of the socket's end.
import { ServerMessage } from '@hcm112/shared';
import WebSocket from 'ws';

export interface ConsoleClient {
  messages: ServerMessage[];
  /** Resolves when the socket is closed, by either side or by the network. */
  closed: Promise<void>;
  /** The close code the socket ended with. */
  closedWith: Promise<number>;
  send(message: unknown): void;
  waitFor(predicate: (m: ServerMessage) => boolean, what: string, ms?: number): Promise<ServerMessage>;
  close(): Promise<void>;
}

export async function connectConsole(httpUrl: string, token: string): Promise<ConsoleClient> {
  const ws = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(ServerMessage.parse(JSON.parse(data.toString())));
    for (const w of waiters) w();
  });
  const closedWith = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const closed = closedWith.then(() => {});
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    messages,
    closed,
    closedWith,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    waitFor(predicate, what, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} after ${ms / 1000} s; got ${messages.length} messages`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.close();
      await closed;
    },
  };
}
