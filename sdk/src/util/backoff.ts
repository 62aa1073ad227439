export interface BackoffOptions {
  /** The first retry waits up to this long, in ms. */
  initialDelayMs: number;
  /** No retry waits longer than this, in ms. */
  maxDelayMs: number;
}

export const defaultBackoff: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 30_000 };

/**
 * The wait before retry number `attempt` (1 for the first): the cap doubles each time, and the
 * wait is a random time between half the cap and the cap. The jitter spreads out the clients
 * that lost the same server at the same moment, so they do not all come back at once.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const cap = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return cap / 2 + Math.random() * (cap / 2);
}
