import type { ConfabError } from '../errors.js';

/**
 * `idle` before `connect()`; `connecting` until the first connection; `connected`;
 * `reconnecting` after a drop (with backoff); `failed` when it cannot go on by itself (token
 * refused without a provider to get another, user banned; `setToken` or `connect` start it
 * again); `closed` after `close()`.
 */
export type ConnectionStatus =
  'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Caught up with the server since the last connect: the views hold every change. */
  synced: boolean;
  /** Why the last attempt failed, or why the client stopped; null once connected. */
  error: ConfabError | null;
  /** Failed attempts in a row. */
  attempt: number;
  /** When the next attempt starts, in ms since the epoch, while one is scheduled. */
  retryAt: number | null;
}

export const initialConnectionState: ConnectionState = {
  status: 'idle',
  synced: false,
  error: null,
  attempt: 0,
  retryAt: null,
};
