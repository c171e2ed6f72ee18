// Builds the OpenAPI 3.1 document from every module's route list and the shared zod schemas.
import * as shared from '@hcm112/shared';
import { z } from 'zod';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { type ApiRoute, openApiPath, operationOf } from './route-doc.ts';
import { ANALYTICS_SIGNATURE_DESCRIPTION, websocketExtension } from './websocket.ts';

export type OpenApiDocument = ReturnType<typeof createDocument>;

/**
 * Every schema shared/ exports under a type name, as a named component: a route that uses one gets a $ref, and
 * the websocket messages are there for `x-websocket` to point at.
 */
function sharedSchemas(): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(shared).filter(
      ([name, value]) => value instanceof z.ZodType && /^[A-Z][a-z]/.test(name) && !hasTransform(value),
    ),
  ) as Record<string, z.ZodType>;
}

/** A schema that transforms cannot be rendered as an answer; such ones are only ever read (queries, codes). */
function hasTransform(schema: z.ZodType): boolean {
  try {
    z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' });
    return false;
  } catch {
    return true;
  }
}

function pathsOf(routes: readonly ApiRoute[]): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const item = paths[path] ?? {};
    paths[path] = item;
    if (item[route.method]) throw new Error(`route ${route.method} ${route.path} described twice`);
    item[route.method] = operationOf(route);
  }
  return paths;
}

export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string): OpenApiDocument {
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'HCM 112 call and dispatch API',
        version,
        description:
          'Every route is under /api and validated with the zod schemas of shared/ that this document is ' +
          'generated from. Errors are `{ error: { code, message, fields?, details? } }` (ApiError). Who may call ' +
          'each route is in its `security` and, for user roles, `x-roles`. The websockets are described in ' +
          '`x-websocket`. The prose (roles, signatures, realtime, cameras) is in docs/api.md.',
      },
      servers: [{ url: '/api' }],
      paths: pathsOf(routes),
      components: {
        schemas: sharedSchemas(),
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'e112_session',
            description: 'Set by POST /auth/login. Changes must come from an allowed Origin.',
          },
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The `token` answered by POST /auth/login, for scripts.',
          },
          unitToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Unit-Token',
            description:
              "A unit's AVL token (written once by `npm run bootstrap`), for vehicle trackers posting positions.",
          },
          deviceCredential: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Device-Credential',
            description: "A crew device's credential, answered once by POST /device/pair.",
          },
          analyticsSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Analytics-Signature',
            description: ANALYTICS_SIGNATURE_DESCRIPTION,
          },
          amlSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'X-AML-Signature',
            description:
              'Header X-AML-Sender names a configured sender (AML_SENDERS); X-AML-Signature is `sha256=` and the ' +
              'hex HMAC-SHA256, keyed with its secret, of the body bytes exactly as sent (form-encoded or JSON), ' +
              'verified before any field is read: the same fields re-encoded are other bytes.',
          },
          textSessionToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Text112-Token',
            description: 'The token POST /text112/sessions answered with; binds later requests to that chat.',
          },
          wallDisplayCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'e112_display',
            description:
              "A wall display's read-only credential: HttpOnly cookie sent only to /api/wallboard/tv, set by " +
              'POST /wallboard/displays on the browser that made it; expires after at most 30 days; revocable.',
          },
          callerLinkKey: {
            type: 'apiKey',
            in: 'cookie',
            name: 'e112_link',
            description:
              'Given to the first phone that opens a location link (GET /l/<token>, outside /api); with the token in the path it proves the phone holds the link.',
          },
          textSessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'e112_text',
            description:
              'The same token as an httpOnly cookie (path /api/text112); a changing request must then come from an allowed Origin.',
          },
        },
      },
      'x-websocket': websocketExtension(),
    },
    { reused: 'ref' },
  );
}
