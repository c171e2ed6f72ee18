// The public web chat's HTTP routes (no login): start a session, send, read the transcript, and an event
// stream (SSE) of replies. Abuse limits: requests per address per minute, chats started per address, messages
// per session per 10 s, bodies of at most 4 KB; the session token (an httpOnly cookie, or the
// X-Text112-Token header) binds every later request to the session it started.
import { SendTextRequest, StartTextSessionRequest } from '@hcm112/shared';
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
