// The routes of the HTTP API as the server's OpenAPI document names them, with path parameters as `:name`.
import { API_DESCRIPTIONS } from '@hcm112/server/features';
import { openApiDocumentOf } from '@hcm112/server/openapi/routes';

export type DocumentedRoute = readonly [method: string, path: string];

/** Every operation of the document (the same one GET /api/openapi.json serves), e.g. `['GET', '/incidents/:id']`. */
export function documentedRoutes(): DocumentedRoute[] {
  const document = openApiDocumentOf(() => API_DESCRIPTIONS)();
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item ?? {}).map(
      (method) => [method.toUpperCase(), path.replace(/\{(\w+)\}/g, ':$1')] as const,
    ),
  );
}
