import { errorCatalogue } from './protocol/errors.js';
import type { ErrorBody, ErrorCode, ErrorDetail } from './protocol/errors.js';

/**
 * Codes the SDK itself gives, beside the server's: `network` (no connection, or it dropped
 * before the answer came), `timeout` (no answer in time), `closed` (the client was closed),
 * `cancelled` (an outbox send was cancelled), `identity_changed` (a token provider returned a
 * token of another user or tenant; make a new client for them).
 */
export type ClientErrorCode = 'network' | 'timeout' | 'closed' | 'cancelled' | 'identity_changed';

/** Every code a ConfabError can carry. Branch on it, never on `message`. */
export type ConfabErrorCode = ErrorCode | ClientErrorCode;

const clientRetryable: Record<ClientErrorCode, boolean> = {
  network: true,
  timeout: true,
  closed: false,
  cancelled: false,
  identity_changed: false,
};

/** Whether sending the same request again can help. */
export function isRetryableCode(code: ConfabErrorCode): boolean {
  return code in errorCatalogue
    ? errorCatalogue[code as ErrorCode].retryable
    : clientRetryable[code as ClientErrorCode];
}

/**
 * Every error the SDK throws or reports. `code` is stable; `retryable` says whether the same
 * request may succeed later; `details` lists field problems of `invalid_input`.
 *
 * @example
 * try {
 *   await client.messages.edit(conversationId, seq, text);
 * } catch (error) {
 *   if (error instanceof ConfabError && error.code === 'window_closed') showTooLate();
 *   else throw error;
 * }
 */
export class ConfabError extends Error {
  readonly code: ConfabErrorCode;
  readonly retryable: boolean;
  readonly details: ErrorDetail[];

  constructor(
    code: ConfabErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfabError';
    this.code = code;
    this.retryable = isRetryableCode(code);
    this.details = options.details ?? [];
  }
}

/** Codes that mean the credential itself was refused. */
export type AuthErrorCode = 'token_expired' | 'token_invalid' | 'unauthorized' | 'user_banned';

const AUTH_CODES: ReadonlySet<string> = new Set<AuthErrorCode>([
  'token_expired',
  'token_invalid',
  'unauthorized',
  'user_banned',
]);

/** The token was refused: expired, invalid, missing, or its user is banned. */
export class AuthError extends ConfabError {
  declare readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string) {
    super(code, message);
    this.name = 'AuthError';
  }
}

/** Too many requests; `retryAfter` is in seconds. */
export class RateLimitError extends ConfabError {
  declare readonly code: 'rate_limited';
  readonly retryAfter: number;

  constructor(message: string, retryAfter: number) {
    super('rate_limited', message);
    this.name = 'RateLimitError';
    this.retryAfter = retryAfter;
  }
}

/** No connection, a dropped one, or no answer in time. Retrying later can help. */
export class NetworkError extends ConfabError {
  declare readonly code: 'network' | 'timeout';

  constructor(code: 'network' | 'timeout', message: string, cause?: unknown) {
    super(code, message, { cause });
    this.name = 'NetworkError';
  }
}

/** The error for a refusal in the server's one error shape. */
export function errorFromBody(body: ErrorBody): ConfabError {
  if (AUTH_CODES.has(body.code)) return new AuthError(body.code as AuthErrorCode, body.message);
  if (body.code === 'rate_limited') return new RateLimitError(body.message, body.retryAfter ?? 1);
  const known = body.code in errorCatalogue ? body.code : 'internal';
  return new ConfabError(known, body.message, body.details ? { details: body.details } : {});
}

/** Any thrown value as a ConfabError; unexpected ones become `internal`. */
export function toConfabError(error: unknown): ConfabError {
  if (error instanceof ConfabError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConfabError('internal', message, { cause: error });
}
