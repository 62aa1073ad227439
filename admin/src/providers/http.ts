import { HttpError } from 'react-admin';

/** Where the admin API lives, next to the console. */
export const API_URL = '/admin/api';

/** The one error shape of the api: `{ error: { code, message, details? } }`. */
export interface ApiErrorBody {
  error?: { code?: string; message?: string; retryAfter?: number };
}

/**
 * Calls the admin API. The session rides in an httpOnly cookie the page cannot read; the
 * custom header is what the api's CSRF guard asks for, and a page elsewhere cannot send it.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${API_URL}${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'X-Confab-Admin': '1',
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await response.json().catch(() => ({}))) as T & ApiErrorBody;
  if (!response.ok) {
    const message = body.error?.message ?? response.statusText;
    throw new HttpError(message, response.status, body);
  }
  return body;
}

/** The stable error code of a failed call, for deciding what to do about it. */
export function errorCode(error: unknown): string | undefined {
  return (error as { body?: ApiErrorBody } | null)?.body?.error?.code ?? undefined;
}
