// The websocket hub at /ws: authenticates the handshake, fans out events from Redis pub/sub (shared by
// every server instance) to this instance's consoles, and keeps call-takers' console presence for the ACD.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Stream } from '@hcm112/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import { sessionTokenOf } from '../auth/middleware.ts';
import { DEVICE_SOCKET_PATH } from '../devices/device-hub.ts';
import { hashToken } from '../auth/service.ts';
import { SessionEnd, sessionEndChannel } from '../auth/session-ends.ts';
import { carriesSessionCookie, originAllowed } from '../http/origin-guard.ts';
import type { AppContext } from '../context.ts';
import { logRedisOutages } from '../redis-health.ts';
import type { Lifecycle } from '../server.ts';
import { DeskPresence } from '../wallboard/desk-presence.ts';
import { ConsolePresence } from './console-presence.ts';
import { ConsoleSocket } from './console-socket.ts';

/** Pings consoles this often (a console that missed the last pong is cut off); sessions are re-checked too. */
const HEARTBEAT_MS = 20_000;
/** Close code of a console whose session ended: the console shows the login screen, it does not retry. */
export const SESSION_ENDED_CLOSE = 4001;
const MAX_MESSAGE_BYTES = 64 * 1024;

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startRealtimeHub(ctx: AppContext, http: Server): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'realtime' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const consoles = new Set<ConsoleSocket>();
  /** Whose session each console runs on, to close it when that session ends. */
  const sessions = new Map<ConsoleSocket, { token: string; tokenHash: string; userId: string }>();
  const endSession = (c: ConsoleSocket) => c.close(SESSION_ENDED_CLOSE, 'session ended');
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

  /** Dispatchers' and supervisors' consoles, shown present on the wallboard the same way (no ACD part). */
  const desks = new DeskPresence(
    ctx.redis,
    ctx.config.REDIS_PREFIX,
    ctx.config.CONSOLE_HEARTBEAT_TIMEOUT_SECONDS * 1000,
  );
  const renewDesk = (userId: string) =>
    desks.renew(userId).catch((err: unknown) => {
      if (!presenceFailing) log.warn({ err, userId }, 'desk presence not renewed');
      presenceFailing = true;
    });
  const watchDesk = (ws: WebSocket, userId: string) => {
    void renewDesk(userId);
    ws.on('pong', () => void renewDesk(userId));
    const timer = setInterval(() => ws.ping(), presence.heartbeatMs);
    ws.on('close', () => clearInterval(timer));
  };

  const subscriber = logRedisOutages(ctx.redis.duplicate(), log, 'realtime-subscriber');
  const prefix = `${ctx.config.REDIS_PREFIX}:rt:ch:`;
  const endChannel = sessionEndChannel(ctx.config.REDIS_PREFIX);
  subscriber.on('message', (channel, raw) => {
    if (channel !== endChannel) return;
    let end: SessionEnd;
    try {
      end = SessionEnd.parse(JSON.parse(raw));
    } catch {
      return;
    }
    for (const [c, s] of sessions)
      if ('tokenHash' in end ? s.tokenHash === end.tokenHash : s.userId === end.userId) endSession(c);
  });
  await subscriber.subscribe(endChannel);
  subscriber.on('pmessage', (_pattern, channel, raw) => {
    const stream = Stream.safeParse(channel.slice(prefix.length));
    const seq = Number(/"seq":(\d+)/.exec(raw)?.[1]);
    if (!stream.success || !seq) return;
    for (const c of consoles) c.deliver(stream.data, seq, raw);
  });
  await subscriber.psubscribe(`${prefix}*`);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === DEVICE_SOCKET_PATH) return; // the crews' devices' own hub answers it
    if (path !== '/ws') return refuse(socket, '404 Not Found');
    // A browser sends its page's Origin; any page could open a socket with the user's cookie. Tools that
    // authenticate with a Bearer token carry no ambient credential and may send none.
    const fromBrowser = req.headers.origin !== undefined || carriesSessionCookie(req.headers);
    if (fromBrowser && !originAllowed(req.headers, ctx.config.ALLOWED_ORIGINS))
      return refuse(socket, '403 Forbidden');
    const token = sessionTokenOf(req.headers);
    ctx.auth.authenticate(token).then(
      (user) => {
        if (!user || !token) return refuse(socket, '401 Unauthorized');
        wss.handleUpgrade(req, socket, head, (ws) => {
          const c = new ConsoleSocket(ws, user.role, ctx.events, log.child({ userId: user.id }));
          consoles.add(c);
          sessions.set(c, { token, tokenHash: hashToken(token), userId: user.id });
          ws.on('close', () => {
            consoles.delete(c);
            sessions.delete(c);
          });
          if (user.role === 'call-taker' && user.sipExtension) watchPresence(ws, user.sipExtension);
          else if (user.role === 'dispatcher' || user.role === 'supervisor') watchDesk(ws, user.id);
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

  /** Ends consoles whose session expired, went idle or whose user was deactivated since the handshake. */
  let checking = false;
  const recheckSessions = async () => {
    // A slow database must not pile rounds up: the next round starts after this one ends.
    if (checking) return;
    checking = true;
    try {
      await recheckEach();
    } finally {
      checking = false;
    }
  };
  const recheckEach = async () => {
    for (const [c, s] of sessions) {
      const user = await ctx.auth.authenticate(s.token, false).catch((err: unknown) => {
        log.warn({ err }, 'session re-check failed; console kept until the next round');
        return true as const;
      });
      if (!user) endSession(c);
    }
  };
  const heartbeat = setInterval(() => {
    for (const c of consoles) c.heartbeat();
  }, HEARTBEAT_MS);
  // As often as call-takers' presence is checked (8 s by default), at most every heartbeat: an ended session's
  // console stops receiving within seconds, at one primary-key lookup per console.
  const sessionCheck = setInterval(
    () => void recheckSessions(),
    Math.min(HEARTBEAT_MS, ctx.config.CONSOLE_HEARTBEAT_TIMEOUT_SECONDS * 1000),
  );

  return {
    name: 'realtime hub',
    async stop() {
      clearInterval(heartbeat);
      clearInterval(sessionCheck);
      http.off('upgrade', onUpgrade);
      for (const c of consoles) c.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      subscriber.disconnect();
    },
  };
}
