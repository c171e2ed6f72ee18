// The express application: body limits, request ids, logging, authentication, feature routes, errors.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.ts';
import { AML_BODY_TYPES, AML_FORM, AML_MAX_BODY_BYTES, AML_PATH } from './call-locations/aml-message.ts';
import { callerLinkPages } from './caller-links/page.ts';
import type { AppContext } from './context.ts';
import { checkReadiness } from './health.ts';
import { errorMiddleware, notFoundHandler } from './http/error-middleware.ts';
import { refuseCrossSiteChanges } from './http/origin-guard.ts';

declare global {
  namespace Express {
    interface Request {
      /** The JSON body as received, before parsing (an AML message's is `body` itself, a Buffer). */
      rawBody?: Buffer;
    }
  }
}

/** A feature contributes a router mounted under /api. */
export type FeatureRoutes = (ctx: AppContext) => Router;

export function createApp(ctx: AppContext, features: FeatureRoutes[]): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the configured proxies; anyone else could name any address.
  app.set('trust proxy', ctx.config.TRUSTED_PROXIES.length ? ctx.config.TRUSTED_PROXIES : false);
  app.use(securityHeaders(ctx.config.NODE_ENV === 'production'));
  app.use(
    pinoHttp({
      logger: ctx.log,
      genReqId: (req) =>
        typeof req.headers['x-request-id'] === 'string'
          ? req.headers['x-request-id'].slice(0, 64)
          : randomUUID(),
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug',
    }),
  );
  // 503 while PostgreSQL or Redis cannot be reached: take this instance out of rotation, not the process.
  app.get('/healthz', async (_req, res) => {
    const readiness = await checkReadiness(ctx.db, ctx.redis);
    res.status(readiness.ok ? 200 : 503).json(readiness);
  });

  const api = Router();
  api.use(refuseCrossSiteChanges(ctx.config.ALLOWED_ORIGINS, { [AML_PATH]: [AML_FORM] }));
  // AML messages are verified over their exact bytes before anything reads them, form-encoded (the standard's
  // transport) or JSON: read here as bytes, with their own limit, so that the JSON parser below leaves them be.
  api.use(AML_PATH, express.raw({ type: AML_BODY_TYPES, limit: AML_MAX_BODY_BYTES }));
  api.use(
    express.json({
      limit: ctx.config.MAX_BODY_BYTES,
      strict: true,
      // Signed posts (camera analytics) are verified over the exact bytes received.
      verify: (req, _res, buf) => {
        (req as express.Request).rawBody = buf;
      },
    }),
  );
  api.use(cookieParser());
  api.use(authenticate(ctx.auth));
  api.use(
    authRoutes({
      auth: ctx.auth,
      db: ctx.db,
      cookieSecure: ctx.config.COOKIE_SECURE || ctx.config.NODE_ENV === 'production',
      sessionTtlHours: ctx.config.SESSION_TTL_HOURS,
    }),
  );
  for (const feature of features) api.use(feature(ctx));
  api.use(notFoundHandler);
  app.use('/api', api);
  // The page a caller's phone opens from a location link: no login, outside /api.
  app.use(callerLinkPages(ctx));

  // The citizens' emergency text chat: a plain page of its own, public, no console code in it.
  app.use(
    '/text112',
    express.static(fileURLToPath(new URL('../public/text112/', import.meta.url)), { index: 'index.html' }),
  );
  if (existsSync(ctx.config.UI_DIST)) {
    app.use(express.static(ctx.config.UI_DIST, { index: 'index.html', maxAge: '1h' }));
    // The crews' app is its own page (own manifest and service worker scope).
    app.get(/^\/crew\//, (_req, res) => {
      res.sendFile('crew/index.html', { root: ctx.config.UI_DIST });
    });
    app.get(/^\/(?!api\/|ws$|healthz$).*/, (_req, res) => {
      res.sendFile('index.html', { root: ctx.config.UI_DIST });
    });
  }
  app.use(notFoundHandler);
  app.use(errorMiddleware(ctx.log));
  return app;
}

/**
 * helmet's headers: a CSP allowing only this origin (the map's tile server and camera HLS come through it or
 * are images), no framing by other sites, nosniff, and HSTS where TLS is expected (production).
 */
function securityHeaders(production: boolean) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
