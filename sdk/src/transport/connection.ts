import { AuthError, ConfabError, NetworkError, toConfabError } from '../errors.js';
import type { Logger } from '../logger.js';
import { backoffDelay } from '../util/backoff.js';
import type { BackoffOptions } from '../util/backoff.js';
import { initialConnectionState } from './connection-state.js';
import type { ConnectionState } from './connection-state.js';
import type { Credentials } from './credentials.js';
import { Link } from './link.js';
import type { SocketSettings } from './link.js';

export interface ConnectionOptions {
  url: string;
  credentials: Credentials;
  socket: SocketSettings;
  backoff: BackoffOptions;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** Refresh this long before the token expires (at most a fifth of its lifetime), in ms. */
  refreshLeadMs: number;
  logger: Logger;
  onEvent(event: string, payload: unknown): void;
  onState(state: ConnectionState): void;
  /** Runs on every new connection before it counts as synced: the catch-up. */
  onUp(): Promise<void>;
}

/** Longest delay a timer accepts, in ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps one live connection: connects with the current token, reconnects after a drop with
 * backoff and jitter, and replaces the connection before the token expires. A replacement is
 * made before the old one is let go: the new link connects and catches up while the old one
 * still receives events, then the old one closes once its requests are answered. Events seen
 * twice meanwhile are dropped by seq downstream, so a refresh loses nothing.
 */
export class Connection {
  private state: ConnectionState = initialConnectionState;
  private active: Link | null = null;
  private running: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private wake: (() => void) | null = null;
  private waiters = new Set<{ resolve(link: Link): void; reject(error: ConfabError): void }>();
  private everConnected = false;
  private closed = false;

  constructor(private readonly options: ConnectionOptions) {}

  get current(): ConnectionState {
    return this.state;
  }

  get isConnected(): boolean {
    return this.active?.connected ?? false;
  }

  /** Starts connecting, or starts again after `failed`. */
  start(): void {
    if (this.closed || this.running || this.active) return;
    this.running = this.run(0).finally(() => {
      this.running = null;
    });
  }

  /** Skips the wait before the next attempt (the device came back online, say). */
  retryNow(): void {
    this.wake?.();
  }

  /** Sends a request, waiting up to its timeout for a connection first. */
  async request<T>(name: string, input: unknown, timeoutMs?: number): Promise<T> {
    const ms = timeoutMs ?? this.options.requestTimeoutMs;
    const link = await this.link(ms);
    return link.request<T>(name, input, ms);
  }

  /** Sends an event without waiting for an answer; dropped while not connected. */
  notify(name: string, input: unknown): void {
    this.active?.notify(name, input);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearRefresh();
    this.wake?.();
    const link = this.active;
    this.active = null;
    link?.close();
    this.rejectWaiters(new ConfabError('closed', 'The client was closed'));
    this.setState({ status: 'closed', synced: false, retryAt: null });
  }

  private link(timeoutMs: number): Promise<Link> {
    if (this.active?.connected) return Promise.resolve(this.active);
    if (this.closed) return Promise.reject(new ConfabError('closed', 'The client was closed'));
    if (this.state.status === 'failed' && this.state.error) {
      return Promise.reject(this.state.error);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (link: Link) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(link);
        },
        reject: (error: ConfabError) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new NetworkError('network', 'Not connected to the server')),
        timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }

  /** Attempts to connect until one succeeds, the client closes, or it cannot go on. */
  private async run(firstDelayMs: number): Promise<void> {
    let attempt = 0;
    let refreshedAfterRefusal = false;
    if (firstDelayMs > 0) await this.sleep(firstDelayMs);
    while (!this.closed) {
      this.setState({
        status: this.everConnected ? 'reconnecting' : 'connecting',
        retryAt: null,
        attempt,
      });
      try {
        const link = await this.open();
        // Not awaited: a link that drops during its catch-up must be able to start the next
        // attempt at once, which it cannot while this loop still runs.
        void this.promote(link);
        return;
      } catch (thrown) {
        if (this.closed) return;
        const error = toConfabError(thrown);
        this.options.logger.debug('connect attempt failed', { code: error.code, attempt });
        // The tenant does not allow this page's origin: no new token or retry changes that.
        if (error.code === 'forbidden') {
          this.fail(error);
          return;
        }
        if (error instanceof AuthError || error.code === 'identity_changed') {
          const renewable = error.code !== 'user_banned' && error.code !== 'identity_changed';
          if (renewable && this.options.credentials.canRefresh && !refreshedAfterRefusal) {
            refreshedAfterRefusal = true;
            this.options.credentials.invalidate();
            continue;
          }
          this.fail(error);
          return;
        }
        attempt += 1;
        const delay = backoffDelay(attempt, this.options.backoff);
        this.setState({ error, attempt, retryAt: Date.now() + delay });
        await this.sleep(delay);
      }
    }
  }

  private async open(): Promise<Link> {
    const token = await this.options.credentials.current();
    const link = new Link(this.options.url, token, this.options.socket, {
      onEvent: (event, payload) => {
        if (!this.closed) this.options.onEvent(event, payload);
      },
      onClosed: (closedLink, reason, expired) => this.onClosed(closedLink, reason, expired),
    });
    await link.open(this.options.connectTimeoutMs);
    if (this.closed) {
      link.close();
      throw new ConfabError('closed', 'The client was closed');
    }
    return link;
  }

  /** Makes a connected link the one requests use, catches up on it, then lets the old go. */
  private promote(link: Link): Promise<void> {
    const previous = this.active;
    this.active = link;
    this.everConnected = true;
    this.setState({ status: 'connected', synced: false, error: null, attempt: 0, retryAt: null });
    for (const waiter of [...this.waiters]) waiter.resolve(link);
    this.scheduleRefresh();
    return this.settle(link, previous);
  }

  /** Catches up on a new link, again with backoff while it fails and the link lives. */
  private async settle(link: Link, previous: Link | null): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.onUp();
        break;
      } catch (error) {
        this.options.logger.warn('catch-up failed', { code: toConfabError(error).code });
        if (this.active !== link || !link.connected) break;
        const delay = backoffDelay(attempt, this.options.backoff);
        await new Promise((resolve) => setTimeout(resolve, delay));
        if (this.active !== link || !link.connected) break;
      }
    }
    if (this.active === link && link.connected) this.setState({ synced: true });
    if (previous) this.retire(previous);
  }

  /** Closes a replaced link once its requests are answered (or their time is up). */
  private retire(link: Link): void {
    const deadline = Date.now() + this.options.requestTimeoutMs;
    const check = () => {
      if (link.busy === 0 || Date.now() >= deadline) link.close();
      else setTimeout(check, 100);
    };
    check();
  }

  private onClosed(link: Link, reason: string, expired: boolean): void {
    if (link !== this.active || this.closed) return;
    this.active = null;
    this.clearRefresh();
    this.options.logger.info('connection lost', { reason, expired });
    if (expired) this.options.credentials.invalidate();
    if (expired && !this.options.credentials.canRefresh) {
      this.fail(new AuthError('token_expired', 'The token has expired; give a new one'));
      return;
    }
    this.setState({ status: 'reconnecting', synced: false });
    const restart = () => {
      if (this.closed || this.active || this.running) return;
      // A little jitter, so the clients of a node that went down do not all return at once.
      const delay = expired ? 0 : Math.random() * (this.options.backoff.initialDelayMs / 2);
      this.running = this.run(delay).finally(() => {
        this.running = null;
      });
    };
    if (this.refreshing) void this.refreshing.then(restart);
    else restart();
  }

  private scheduleRefresh(): void {
    this.clearRefresh();
    const { credentials, refreshLeadMs } = this.options;
    const expiresAt = credentials.expiresAt;
    if (!credentials.canRefresh || expiresAt === null) return;
    const lifetime = expiresAt - (credentials.issuedAt ?? Date.now());
    const lead = Math.min(refreshLeadMs, Math.max(0, lifetime / 5));
    const wait = Math.min(Math.max(0, expiresAt - lead - Date.now()), MAX_TIMER_MS);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = null;
      });
    }, wait);
  }

  private async refresh(): Promise<void> {
    if (this.closed || !this.active) return;
    try {
      await this.options.credentials.refresh();
      const link = await this.open();
      if (this.closed) return link.close();
      this.options.logger.debug('token refreshed');
      await this.promote(link);
    } catch (thrown) {
      const error = toConfabError(thrown);
      this.options.logger.warn('token refresh failed', { code: error.code });
      if (error.code === 'user_banned' || error.code === 'identity_changed') {
        this.fail(error);
        return;
      }
      // Try again shortly; if the token runs out first, the server ends the session and the
      // reconnect path fetches a token again.
      if (this.active) {
        const delay = backoffDelay(1, this.options.backoff);
        this.refreshTimer = setTimeout(() => {
          this.refreshTimer = null;
          this.refreshing ??= this.refresh().finally(() => {
            this.refreshing = null;
          });
        }, delay);
      }
    }
  }

  private fail(error: ConfabError): void {
    this.clearRefresh();
    const link = this.active;
    this.active = null;
    link?.close();
    this.rejectWaiters(error);
    this.setState({ status: 'failed', synced: false, error, retryAt: null });
  }

  private rejectWaiters(error: ConfabError): void {
    for (const waiter of [...this.waiters]) waiter.reject(error);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private clearRefresh(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private setState(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onState(this.state);
  }
}
