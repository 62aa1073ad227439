import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { defaultStorage } from '../storage/default-storage.js';
import { MemoryStorage } from '../storage/storage.js';
import type { KeyValueStorage } from '../storage/storage.js';
import type { TokenSource } from '../transport/credentials.js';
import type { SocketSettings } from '../transport/link.js';
import { defaultBackoff } from '../util/backoff.js';
import type { BackoffOptions } from '../util/backoff.js';

export interface ConfabClientOptions {
  /** The api's address, as `https://chat.example.com`. */
  url: string;
  /**
   * A user token, or a function that fetches a fresh one from your backend. With a function
   * the client refreshes the token before it expires and after the server refuses it; with a
   * fixed token an expired session stops with `token_expired` until `setToken`.
   */
  token: TokenSource;
  /** The user's id, needed only when the token is not a JWT whose `sub` the SDK can read. */
  userId?: string;
  /**
   * Where the outbox and the history cache live. Browsers default to IndexedDB (else
   * localStorage), Node to memory. Pass one `MemoryStorage` to several clients to share it.
   */
  storage?: KeyValueStorage;
  /** Keep a local history cache (default true). */
  cache?: boolean;
  /** Messages kept per conversation in the cache (default 100). */
  cachedMessages?: number;
  /** Messages kept per conversation in memory; older ones are paged in again (default 1,000). */
  windowMessages?: number;
  /** The SDK is silent without one; `console` works. */
  logger?: Logger;
  /** Waits between reconnect attempts, in ms (defaults: 500 growing to 30,000). */
  reconnect?: Partial<BackoffOptions>;
  /** How long a request waits for its answer, connection included, in ms (default 15,000). */
  requestTimeoutMs?: number;
  /** How long one connection attempt may take, in ms (default 10,000). */
  connectTimeoutMs?: number;
  /** Refresh the token this long before it expires, in ms (default 60,000). */
  refreshLeadMs?: number;
  /** How long a gap in received seqs may stay open before the client reads the log, in ms. */
  gapGraceMs?: number;
  /**
   * Options for socket.io-client (`path`, `extraHeaders`...). The transport is WebSocket only
   * unless `transports` says otherwise: it needs no CORS setup on the api, and long polling
   * would.
   */
  socket?: SocketSettings;
}

export interface ResolvedOptions {
  url: string;
  token: TokenSource;
  userId: string | undefined;
  storage: KeyValueStorage;
  cache: boolean;
  cachedMessages: number;
  windowMessages: number;
  logger: Logger;
  backoff: BackoffOptions;
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  refreshLeadMs: number;
  gapGraceMs: number;
  socket: SocketSettings;
}

export function resolveOptions(options: ConfabClientOptions): ResolvedOptions {
  if (!options.url) throw new TypeError('ConfabClient needs a url');
  if (!options.token) throw new TypeError('ConfabClient needs a token or a token provider');
  return {
    url: options.url.replace(/\/+$/, ''),
    token: options.token,
    userId: options.userId,
    storage: options.storage ?? (options.cache === false ? new MemoryStorage() : defaultStorage()),
    cache: options.cache ?? true,
    cachedMessages: options.cachedMessages ?? 100,
    windowMessages: options.windowMessages ?? 1_000,
    logger: options.logger ?? silentLogger,
    backoff: { ...defaultBackoff, ...options.reconnect },
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    refreshLeadMs: options.refreshLeadMs ?? 60_000,
    gapGraceMs: options.gapGraceMs ?? 150,
    socket: options.socket ?? {},
  };
}
