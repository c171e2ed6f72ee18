// The public web chat's HTTP routes (no login): start a session, send, read the transcript, and an event
// stream (SSE) of replies. Abuse limits: requests per address per minute, chats started per address, messages
// per session per 10 s, bodies of at most 4 KB; the session token (an httpOnly cookie, or the
// X-Text112-Token header) binds every later request to the session it started.
import { SendTextRequest, StartTextSessionRequest, TextMessage, TextSession } from '@hcm112/shared';
import { z } from 'zod';
import { apiRoutes } from '../openapi/route-doc.ts';
import { type Request, type RequestHandler, Router } from 'express';
import type { AppContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { originAllowed } from '../http/origin-guard.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { citizenStreams } from './citizen-channel.ts';
import { WindowLimit } from './rate-limit.ts';
import * as texts from './service.ts';

export const TEXT_TOKEN_COOKIE = 'e112_text';
const TOKEN_HEADER = 'x-text112-token';
const MAX_PUBLIC_BODY_BYTES = 4096;
/** Comments on an idle event stream keep proxies from closing it. */
const KEEPALIVE_MS = 15_000;

class PayloadTooLarge extends DomainError {
  constructor() {
    super('too-large', 413, `a chat request may carry at most ${MAX_PUBLIC_BODY_BYTES} bytes`);
  }
}

function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** The token from the header, or from the cookie when the page is the server's own (a cookie is ambient). */
function tokenOf(ctx: AppContext, req: Request): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && header) return header;
  const cookie = (req.cookies as Record<string, string> | undefined)?.[TEXT_TOKEN_COOKIE];
  if (!cookie) return undefined;
  if (req.method !== 'GET' && !originAllowed(req.headers, ctx.config.ALLOWED_ORIGINS)) return undefined;
  return cookie;
}

export function citizenTextRoutes(ctx: AppContext) {
  const router = Router();
  const limits = new WindowLimit(ctx.redis, ctx.config.REDIS_PREFIX);
  const publicGuard: RequestHandler = async (req, _res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_PUBLIC_BODY_BYTES) throw new PayloadTooLarge();
    await limits.take(
      `ip:${clientAddress(req)}`,
      ctx.config.TEXT112_REQUESTS_PER_IP_MIN,
      60,
      'too many requests from this address; wait a minute',
    );
    next();
  };
  router.use('/text112', publicGuard);

  router.post('/text112/sessions', async (req, res) => {
    const input = parseBody(StartTextSessionRequest, req.body);
    const { session, token } = await texts.startWebSession(ctx, input, clientAddress(req), String(req.id));
    res.cookie(TEXT_TOKEN_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.COOKIE_SECURE || ctx.config.NODE_ENV === 'production',
      path: '/api/text112',
      maxAge: 24 * 3600 * 1000,
    });
    res.status(201).json({ session, token });
  });

  router.get('/text112/sessions/:id', async (req, res) => {
    const session = await texts.citizenSession(ctx, parseId(req.params.id), tokenOf(ctx, req));
    res.json(await texts.sessionWithMessages(ctx, session.id));
  });

  router.post('/text112/sessions/:id/messages', async (req, res) => {
    const session = await texts.citizenSession(ctx, parseId(req.params.id), tokenOf(ctx, req));
    const { text } = parseBody(SendTextRequest, req.body);
    res.status(201).json({ message: await texts.citizenSend(ctx, session, text, String(req.id)) });
  });

  router.get('/text112/sessions/:id/events', async (req, res) => {
    const session = await texts.citizenSession(ctx, parseId(req.params.id), tokenOf(ctx, req));
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    const send = (event: unknown) => res.write(`data: ${JSON.stringify(event)}\n\n`);
    // Listen first, then send what is already there: the page drops messages it has by id.
    const stop = citizenStreams.listen(session.id, send);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    req.on('close', () => {
      clearInterval(keepalive);
      stop();
    });
    const { session: now, messages } = await texts.sessionWithMessages(ctx, session.id);
    send({ type: 'state', state: now.state });
    for (const message of messages) send({ type: 'message', message });
  });

  return router;
}

const SessionWithMessages = z.object({ session: TextSession, messages: z.array(TextMessage) });

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const citizenTextApi = apiRoutes([
  {
    method: 'post',
    path: '/text112/sessions',
    summary: 'A citizen starts a text-to-112 conversation (the public web chat)',
    description:
      'Answers the session and its token, also set as the httpOnly cookie `e112_text` (path `/api/text112`); the session is queued for the call-takers; with no call-taker logged in the citizen is told so in the chat and the session stays queued; audited `text.session-start`. Abuse limits per client address and body size: docs/api.md, "Text to 112".',
    access: 'anyone',
    body: StartTextSessionRequest,
    status: 201,
    response: z.object({ session: TextSession, token: z.string() }),
    errors: [429],
  },
  {
    method: 'get',
    path: '/text112/sessions/:id',
    summary: 'The citizen reads their conversation',
    access: 'text-session',
    response: SessionWithMessages,
    errors: [429],
  },
  {
    method: 'post',
    path: '/text112/sessions/:id/messages',
    summary: 'The citizen sends a message',
    description:
      '429 "too many messages too fast" beyond `TEXT112_MESSAGES_PER_10S`; 409 when the conversation has ended',
    access: 'text-session',
    body: SendTextRequest,
    status: 201,
    response: z.object({ message: TextMessage }),
    errors: [409, 429],
  },
  {
    method: 'get',
    path: '/text112/sessions/:id/events',
    summary: "The conversation's events as a server-sent event stream",
    description:
      'Each `data:` line is a CitizenTextEvent (`message`, `state`): the transcript so far, then each new message and state change',
    access: 'text-session',
    response: { contentType: 'text/event-stream', description: 'CitizenTextEvent JSON per event' },
    errors: [429],
  },
]);
