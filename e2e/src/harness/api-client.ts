// A logged-in HTTP client of the API, as a console or a script uses it (Bearer token from POST /auth/login).
import { DEMO_USERS } from '@hcm112/server/seed/demo-users';

export interface ApiClient {
  token: string;
  /** Sends JSON (when `json` is given) and returns the raw response. */
  request(method: string, path: string, json?: unknown): Promise<Response>;
  /** Like request, but throws unless the status is the expected one; returns the parsed body. */
  expectJson<T = unknown>(method: string, path: string, json?: unknown, status?: number): Promise<T>;
}

/** A request the server has not answered by then fails naming it, rather than hanging the test. */
const ANSWER_WITHIN_MS = 60_000;

function boundedFetch(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) }).catch((err: unknown) => {
    if (err instanceof DOMException && err.name === 'TimeoutError')
      throw new Error(`${init.method ?? 'GET'} ${url}: no answer within ${ANSWER_WITHIN_MS / 1000} s`);
    throw err;
  });
}

export async function login(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const res = await boundedFetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const request = (method: string, path: string, json?: unknown) =>
    boundedFetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json !== undefined && { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  return {
    token,
    request,
    async expectJson<T>(method: string, path: string, json?: unknown, status = 200) {
      const r = await request(method, path, json);
      const text = await r.text();
      if (r.status !== status)
        throw new Error(`${method} ${path}: expected ${status}, got ${r.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

/** Logs in as one of the seeded demo users (server/src/seed/demo-users.ts). */
export function loginDemo(baseUrl: string, username: string): Promise<ApiClient> {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return login(baseUrl, user.username, user.password);
}
