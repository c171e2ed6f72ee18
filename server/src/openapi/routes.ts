// HTTP route serving the OpenAPI document, built once from every module's route list.
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { FeatureRoutes } from '../app.ts';
import { requireRole } from '../auth/middleware.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './document.ts';
import { type ApiRoute, apiRoutes } from './route-doc.ts';

const SERVER_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The document of these routes, built on first use (the route lists are complete only once every module loaded). */
export function openApiDocumentOf(describe: () => readonly ApiRoute[]): () => OpenApiDocument {
  let built: OpenApiDocument | undefined;
  return () => {
    built ??= buildOpenApiDocument(describe(), SERVER_VERSION);
    return built;
  };
}

/**
 * Admins read the document (and the reference page in the console); integrators get it from them or from
 * `npm run openapi -w server`, which needs no running server. It holds no secret, but it maps every route, so it
 * is not served to anonymous callers.
 */
export function openApiRoutes(describe: () => readonly ApiRoute[]): FeatureRoutes {
  const documentOf = openApiDocumentOf(describe);
  return () => {
    const router = Router();
    router.get('/openapi.json', requireRole('admin'), (_req, res) => {
      res.set('Cache-Control', 'private, no-cache').json(documentOf());
    });
    return router;
  };
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const openApiApi = apiRoutes([
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    access: ['admin'],
    response: { contentType: 'application/json', description: 'the OpenAPI 3.1 document' },
  },
]);
