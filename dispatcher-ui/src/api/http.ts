// Typed calls to the server's /api: every response body is parsed with the shared zod schemas, every failure
// becomes an ApiError carrying what the server said.
import { ApiError as ApiErrorBody, type ApiErrorCode } from '@hcm112/shared';
import type { z } from 'zod';

/** A failed API call: the HTTP status (0 when the server could not be reached) and the server's error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: Readonly<Record<string, string>>;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    fields: Record<string, string> = {},
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

const API_BASE = '/api';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

async function request(method: Method, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, init);
  } catch {
    throw new ApiError(0, 'unavailable', 'The server cannot be reached');
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

/** Reads the standard error body; anything else (a proxy page, an empty body) still gives a usable error. */
async function errorFrom(res: Response): Promise<ApiError> {
  const fallbackCode: ApiErrorCode = res.status >= 500 ? 'unavailable' : 'invalid';
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    return new ApiError(res.status, fallbackCode, res.statusText || `HTTP ${res.status}`);
  }
  const parsed = ApiErrorBody.safeParse(json);
  if (!parsed.success) return new ApiError(res.status, fallbackCode, res.statusText || `HTTP ${res.status}`);
  const { code, message, fields, details } = parsed.data.error;
  return new ApiError(res.status, code, message, fields, details);
}

async function parsed<S extends z.ZodType>(res: Response, schema: S): Promise<z.infer<S>> {
  const json: unknown = await res.json();
  const result = schema.safeParse(json);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new ApiError(res.status, 'internal', `Unexpected response from the server (${where})`);
  }
  return result.data;
}

export async function get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
  return parsed(await request('GET', path), schema);
}

export async function post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
  return parsed(await request('POST', path, body), schema);
}

export async function patch<S extends z.ZodType>(
  path: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  return parsed(await request('PATCH', path, body), schema);
}

export async function put<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
  return parsed(await request('PUT', path, body), schema);
}

/** Posts a file's text as it is (a CSV or GeoJSON import) with its own content type; the answer is JSON. */
export async function postText<S extends z.ZodType>(
  path: string,
  contentType: string,
  text: string,
  schema: S,
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': contentType },
      body: text,
    });
  } catch {
    throw new ApiError(0, 'unavailable', 'The server cannot be reached');
  }
  if (!res.ok) throw await errorFrom(res);
  return parsed(res, schema);
}

/** For routes that answer 204 with no body (logout, delete). */
export async function send(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<void> {
  await request(method, path, body);
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
