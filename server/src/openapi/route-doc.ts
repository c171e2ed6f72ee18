// How a router module describes its routes for the OpenAPI document: one ApiRoute per mounted route, beside it.
import { ApiError, type Role } from '@hcm112/shared';
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from 'zod-openapi';

/**
 * Who may call a route: logged-in users of these roles, or a credential that is not a user login (a unit's AVL
 * token, a paired crew device, a signed analytics or AML post), or anyone (login, pairing with a one-time code).
 */
export type Access =
  | readonly Role[]
  | 'anyone'
  | 'unit-token'
  | 'device'
  | 'user-or-device'
  | 'analytics-signature'
  | 'aml-signature'
  | 'text-session'
  | 'caller-link'
  | 'wall-display';

/** A response that is not JSON: audio, video segments, images. */
export interface RawResponse {
  contentType: string;
  description: string;
}

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As mounted under /api, in express syntax: `/incidents/:id`. */
  path: string;
  summary: string;
  /** Rules a caller must know beyond the schemas (conflicts, audit, side effects). */
  description?: string;
  access: Access;
  /** Path parameters; left out, each `:name` is a uuid (parseId). */
  params?: z.ZodObject;
  query?: z.ZodType;
  /** The JSON body. */
  body?: z.ZodType;
  /** Bodies of other media types (the camera import). */
  otherBodies?: Record<string, z.ZodType>;
  /** Success status; 200 unless given. */
  status?: number;
  /** The JSON answer, a raw one, or none (204, 202 with no body). */
  response?: z.ZodType | RawResponse;
  /** Error statuses particular to this route; the ones every route of its kind can give are added. */
  errors?: readonly number[];
}

/** Builds the entries of a module's route list with the types checked. */
export function apiRoutes(routes: readonly ApiRoute[]): readonly ApiRoute[] {
  return routes;
}

/** `/incidents/:id` -> `/incidents/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

export function pathParamNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!);
}

const ERROR_MEANING: Record<number, string> = {
  400: 'invalid: the body, query or a path parameter failed validation; `error.fields` names each bad field',
  401: 'unauthenticated: no valid session or credential',
  403: 'forbidden: the role may not do this (or a cookie-authenticated change from another Origin)',
  404: 'not-found: no such resource',
  409: 'conflict: the state does not allow it; `error.details` says why',
  410: 'gone: the resource was valid once and is no longer (an expired or ended link)',
  413: 'too-large: the body is over the limit (MAX_BODY_BYTES)',
  415: 'the body is not of a media type this route reads',
  429: 'too-many-requests: wait `Retry-After` seconds',
  503: 'unavailable: the database, call control or a camera cannot be reached right now; retry shortly',
};

function errorResponse(status: number) {
  return {
    description: ERROR_MEANING[status] ?? 'error',
    content: { 'application/json': { schema: ApiError } },
  };
}

/** The errors any route of this shape can answer, besides its own. */
function commonErrors(route: ApiRoute): number[] {
  const codes = new Set<number>(route.errors ?? []);
  const changes = route.method !== 'get';
  if (changes || route.query || pathParamNames(route.path).length) codes.add(400);
  if (route.access !== 'anyone') codes.add(401);
  if (Array.isArray(route.access)) codes.add(403);
  if (pathParamNames(route.path).length) codes.add(404);
  if (changes) codes.add(413);
  codes.add(503);
  return [...codes].sort();
}

const USER_SECURITY: Record<string, string[]>[] = [{ sessionCookie: [] }, { bearerToken: [] }];

function securityOf(access: Access): Record<string, string[]>[] {
  if (Array.isArray(access)) return USER_SECURITY;
  switch (access) {
    case 'anyone':
      return [];
    case 'unit-token':
      return [{ unitToken: [] }];
    case 'device':
      return [{ deviceCredential: [] }];
    case 'user-or-device':
      return [...USER_SECURITY, { deviceCredential: [] }];
    case 'analytics-signature':
      return [{ analyticsSignature: [] }];
    case 'aml-signature':
      return [{ amlSignature: [] }];
    case 'text-session':
      return [{ textSessionToken: [] }, { textSessionCookie: [] }];
    case 'caller-link':
      return [{ callerLinkKey: [] }];
    case 'wall-display':
      return [{ wallDisplayCookie: [] }, ...USER_SECURITY];
  }
  return [];
}

function whoMayCall(access: Access): string {
  if (Array.isArray(access)) return `Roles: ${access.join(', ')}.`;
  const who: Record<Exclude<Access, readonly Role[]>, string> = {
    anyone: 'No login needed.',
    'unit-token': "A unit's AVL token (header X-Unit-Token), no user login.",
    device: 'A paired crew device (header X-Device-Credential), no user login.',
    'user-or-device': 'Any logged-in user, or a paired crew device.',
    'analytics-signature': 'An analytics source, by its HMAC signature (see the analyticsSignature scheme).',
    'aml-signature': 'A configured AML sender, by its HMAC signature (see the amlSignature scheme).',
    'caller-link':
      "The caller's phone holding a location link: the link's token in the path and the key cookie it got on opening the link, no login.",
    'wall-display':
      'A wall display (cookie e112_display, set by POST /wallboard/displays), or a supervisor or admin logged in.',
    'text-session':
      "The citizen's web chat session token (header X-Text112-Token or cookie e112_text), no login.",
  };
  return who[access as Exclude<Access, readonly Role[]>];
}

function defaultParams(route: ApiRoute): z.ZodObject | undefined {
  const names = pathParamNames(route.path);
  if (!names.length) return undefined;
  return z.object(Object.fromEntries(names.map((n) => [n, z.uuid()])));
}

function successResponse(route: ApiRoute): ZodOpenApiResponsesObject {
  const status = route.status ?? 200;
  const { response } = route;
  if (!response) return { [status]: { description: status === 204 ? 'done, no body' : 'accepted' } };
  if ('contentType' in response && typeof response.contentType === 'string')
    return {
      [status]: {
        description: response.description,
        content: { [response.contentType]: { schema: { type: 'string', format: 'binary' } } },
      },
    };
  return {
    [status]: { description: 'success', content: { 'application/json': { schema: response as z.ZodType } } },
  };
}

export function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const responses: Record<string, unknown> = { ...successResponse(route) };
  for (const code of commonErrors(route)) responses[String(code)] = errorResponse(code);
  const content: Record<string, { schema: z.ZodType }> = {};
  if (route.body) content['application/json'] = { schema: route.body };
  for (const [type, schema] of Object.entries(route.otherBodies ?? {})) content[type] = { schema };
  const params = route.params ?? defaultParams(route);
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+/g, '_')}`.replace(/_$/, ''),
    // Grouped by the first path segment (incidents, calls, device...), as the reference page lists them.
    tags: [route.path.split('/')[1]!],
    summary: route.summary,
    description: [whoMayCall(route.access), route.description].filter(Boolean).join('\n\n'),
    security: securityOf(route.access),
    ...(Array.isArray(route.access) && { 'x-roles': [...route.access] }),
    ...((params || route.query) && {
      requestParams: {
        ...(params && { path: params }),
        ...(route.query && { query: route.query as z.ZodObject }),
      },
    }),
    ...(Object.keys(content).length && { requestBody: { required: true, content } }),
    responses: responses as ZodOpenApiResponsesObject,
  };
}
