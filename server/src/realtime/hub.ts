// The websocket hub at /ws: authenticates the handshake, fans out events from Redis pub/sub (shared by
// every server instance) to this instance's consoles, and keeps call-takers' console presence for the ACD.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Stream } from '@hcm112/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import { sessionTokenOf } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { logRedisOutages } from '../redis-health.ts';
import type { Lifecycle } from '../server.ts';
import { ConsolePresence } from './console-presence.ts';
import { ConsoleSocket } from './console-socket.ts';

const HEARTBEAT_MS = 20_000;
const MAX_MESSAGE_BYTES = 64 * 1024;

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startRealtimeHub(ctx: AppContext, http: Server): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'realtime' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const consoles = new Set<ConsoleSocket>();
  const presence = new ConsolePresence(
    ctx.redis,
    ctx.config.REDIS_PREFIX,
    ctx.config.CONSOLE_HEARTBEAT_TIMEOUT_SECONDS * 1000,
  );
  let presenceFailing = false;
  const renew = (extension: string) =>
    presence.renew(extension).then(
      () => {
        presenceFailing = false;
      },
      (err: unknown) => {
        if (!presenceFailing) log.warn({ err, extension }, 'console presence not renewed');
        presenceFailing = true;
      },
    );
  /**
   * A call-taker's console is pinged often (websocket ping frames, answered by the browser itself even in a
   * throttled background tab); each pong renews their presence. A closed, crashed or cut-off console stops
   * answering and its presence lapses.
   */
  const watchPresence = (ws: WebSocket, extension: string) => {
    void renew(extension);
    ws.on('pong', () => void renew(extension));
    const timer = setInterval(() => ws.ping(), presence.heartbeatMs);
    ws.on('close', () => clearInterval(timer));
  };

  const subscriber = logRedisOutages(ctx.redis.duplicate(), log, 'realtime-subscriber');
  const prefix = `${ctx.config.REDIS_PREFIX}:rt:ch:`;
  subscriber.on('pmessage', (_pattern, channel, raw) => {
    const stream = Stream.safeParse(channel.slice(prefix.length));
    const seq = Number(/"seq":(\d+)/.exec(raw)?.[1]);
    if (!stream.success || !seq) return;
    for (const c of consoles) c.deliver(stream.data, seq, raw);
  });
  await subscriber.psubscribe(`${prefix}*`);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return refuse(socket, '404 Not Found');
    ctx.auth.authenticate(sessionTokenOf(req.headers)).then(
      (user) => {
        if (!user) return refuse(socket, '401 Unauthorized');
        wss.handleUpgrade(req, socket, head, (ws) => {
          const c = new ConsoleSocket(ws, user.role, ctx.events, log.child({ userId: user.id }));
          consoles.add(c);
          ws.on('close', () => consoles.delete(c));
          if (user.role === 'call-taker' && user.sipExtension) watchPresence(ws, user.sipExtension);
          ws.on('error', (err) => log.warn({ err, userId: user.id }, 'console socket error'));
        });
      },
      (err: unknown) => {
        log.error({ err }, 'websocket authentication failed');
        refuse(socket, '503 Service Unavailable');
      },
    );
  };
  http.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const c of consoles) c.heartbeat();
  }, HEARTBEAT_MS);

  return {
    name: 'realtime hub',
    async stop() {
      clearInterval(heartbeat);
      http.off('upgrade', onUpgrade);
      for (const c of consoles) c.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      subscriber.disconnect();
    },
  };
}
