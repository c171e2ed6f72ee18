// The crew app's calls to the device API: the credential kept on this phone, sent as X-Device-Credential; every
// answer parsed with the shared schemas; failures become ApiError (status 0 when the network is down).
import { ApiError as ApiErrorBody, type ApiErrorCode, PairDeviceResponse } from '@hcm112/shared';
import type { z } from 'zod';
import { ApiError } from '../api/http.ts';

const CREDENTIAL_KEY = 'e112.crew.credential';

export function storedCredential(): string | null {
  return globalThis.localStorage?.getItem(CREDENTIAL_KEY) ?? null;
}

export function storeCredential(credential: string): void {
  localStorage.setItem(CREDENTIAL_KEY, credential);
}

export function forgetCredential(): void {
  localStorage.removeItem(CREDENTIAL_KEY);
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = ApiErrorBody.safeParse(await res.json());
    if (body.success) {
      const { code, message, fields, details } = body.data.error;
      return new ApiError(res.status, code, message, fields, details);
    }
  } catch {
    // not JSON: a proxy's page
  }
  const code: ApiErrorCode = res.status >= 500 ? 'unavailable' : 'invalid';
  return new ApiError(res.status, code, res.statusText || `HTTP ${res.status}`);
}

export async function deviceCall<S extends z.ZodType>(
  path: string,
  schema: S,
  options: { credential?: string | null; body?: unknown } = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.credential) headers['x-device-credential'] = options.credential;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: options.body === undefined ? 'GET' : 'POST',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'unavailable', 'The server cannot be reached');
  }
  if (!res.ok) throw await errorOf(res);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new ApiError(res.status, 'internal', 'Unexpected response from the server');
  return parsed.data;
}

export function pairDevice(code: string, label: string) {
  return deviceCall('/device/pair', PairDeviceResponse, { body: { code, label } });
}

/** Why the server refuses this phone's credential, when that is what an error says. */
export function refusalOf(err: unknown): 'revoked' | 'expired' | 'unknown' | null {
  if (!(err instanceof ApiError) || err.status !== 401) return null;
  const reason = err.details.reason;
  return reason === 'revoked' || reason === 'expired' ? reason : 'unknown';
}

/** A fresh idempotency key for a report. */
export function reportKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
