// A test console on the realtime websocket: collects server messages and waits for the ones a test expects.
import { ServerMessage } from '@hcm112/shared';
import WebSocket from 'ws';

export interface TestConsole {
  ws: WebSocket;
  messages: ServerMessage[];
  send(message: unknown): void;
  waitFor(predicate: (m: ServerMessage) => boolean, what: string): Promise<ServerMessage>;
  close(): Promise<void>;
}

export function wsUrl(httpUrl: string): string {
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
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    waitFor(predicate, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        // A generous bound so a lost message fails the test instead of hanging it; not a timing assertion.
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} after 10 s; got ${JSON.stringify(messages.map((m) => m.type))}`));
        }, 10_000);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
