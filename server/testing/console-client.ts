// A console on the realtime websocket as a test sees it, for server and whole-system tests alike: every server
// message kept in order, waits bounded generously (a lost message fails the test instead of hanging it; not a
// timing assertion), and a promise of the socket's end.
import { ServerMessage } from '@hcm112/shared';
import WebSocket from 'ws';

export interface TestConsole {
  ws: WebSocket;
  messages: ServerMessage[];
  /** Resolves when the socket is closed, by either side or by the network. */
  closed: Promise<void>;
  /** The close code the socket ended with. */
  closedWith: Promise<number>;
  send(message: unknown): void;
  waitFor(predicate: (m: ServerMessage) => boolean, what: string, ms?: number): Promise<ServerMessage>;
  close(): Promise<void>;
}

function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/ws`;
}

export async function connectConsole(httpUrl: string, token?: string): Promise<TestConsole> {
  const ws = new WebSocket(wsUrl(httpUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(ServerMessage.parse(JSON.parse(data.toString())));
    for (const w of waiters) w();
  });
  const closedWith = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const closed = closedWith.then(() => {});
  // A socket the network cuts emits an error before it closes; `closed` is how a test learns of it.
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    closed,
    closedWith,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    waitFor(predicate, what, ms = 10_000) {
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
          reject(
            new Error(`no ${what} after ${ms / 1000} s; got ${JSON.stringify(messages.map((m) => m.type))}`),
          );
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
