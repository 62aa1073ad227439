/**
 * The stable error codes of every REST answer and realtime ack. Clients branch on `code`,
 * never on `message`. `retryable` says whether sending the same request again can help.
 */
export const errorCatalogue = {
  invalid_input: { status: 400, retryable: false },
  unauthorized: { status: 401, retryable: false },
  token_expired: { status: 401, retryable: false },
  token_invalid: { status: 401, retryable: false },
  /** The token was issued before the user's sessions were ended by tenant staff. */
  token_revoked: { status: 401, retryable: false },
  user_banned: { status: 403, retryable: false },
  /** The user's account was deactivated by tenant staff. */
  user_deactivated: { status: 403, retryable: false },
  /** Tenant staff muted the user; `retryAfter` says for how many more seconds. */
  user_muted: { status: 403, retryable: false },
  /** The text holds a word the tenant refuses. */
  blocked_word: { status: 400, retryable: false },
  forbidden: { status: 403, retryable: false },
  /** The conversation is read-only; only tenant staff may post. */
  read_only: { status: 403, retryable: false },
  /** The edit or recall window of the message has passed. */
  window_closed: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  conflict: { status: 409, retryable: false },
  /** The message was deleted for everyone or recalled; it can no longer change. */
  message_removed: { status: 409, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  rate_limited: { status: 429, retryable: true },
  internal: { status: 500, retryable: true },
  unavailable: { status: 503, retryable: true },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** One problem with one field of a request. `path` is the field's location in the payload. */
export interface ErrorDetail {
  path: (string | number)[];
  code: string;
  message: string;
}

/** The one error shape, in REST bodies (`{ error }`) and in failed acks. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
  /** Seconds until a retry can succeed, for `rate_limited` and `user_muted`. */
  retryAfter?: number;
}

/** What every realtime request answers through its acknowledgement callback. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
