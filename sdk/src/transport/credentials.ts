import { AuthError, ConfabError } from '../errors.js';
import { readClaims } from '../util/token.js';
import type { TokenClaims } from '../util/token.js';

/** A fixed user token, or a function that fetches a fresh one from the host's backend. */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Holds the user token. With a provider it fetches a new one before the current one expires
 * and after the server refused one; with a fixed token it can only report that it ran out.
 * Every token must name the same user and key (tenant) as the first: a client is one
 * identity, so an outbox or cache of one user never goes out under another's credential.
 */
export class Credentials {
  private token: string | null;
  private claims: TokenClaims | null;
  private fetching: Promise<string> | null = null;
  private identity: { userId: string | null; keyId: string | null } | null = null;

  constructor(private source: TokenSource) {
    this.token = typeof source === 'string' ? source : null;
    this.claims = this.token === null ? null : readClaims(this.token);
    if (this.claims) this.identity = { userId: this.claims.userId, keyId: this.claims.keyId };
  }

  get canRefresh(): boolean {
    return typeof this.source === 'function';
  }

  /** The user and key of the client, once a token has been seen. */
  get who(): { userId: string | null; keyId: string | null } | null {
    return this.identity;
  }

  /** When the current token expires, in ms since the epoch, if it says. */
  get expiresAt(): number | null {
    return this.claims?.expiresAt ?? null;
  }

  get issuedAt(): number | null {
    return this.claims?.issuedAt ?? null;
  }

  /** A token to connect with: the current one while it lasts, else a fresh one. */
  async current(): Promise<string> {
    const expiresAt = this.expiresAt;
    const usable = this.token !== null && (expiresAt === null || expiresAt > Date.now());
    if (usable) return this.token!;
    return this.refresh();
  }

  /** Fetches a new token from the provider; calls made meanwhile share the fetch. */
  refresh(): Promise<string> {
    const source = this.source;
    if (typeof source === 'string') {
      return Promise.reject(
        new AuthError('token_expired', 'The token has expired and no token provider was given'),
      );
    }
    this.fetching ??= Promise.resolve()
      .then(source)
      .then((token) => {
        this.accept(token);
        return token;
      })
      .finally(() => {
        this.fetching = null;
      });
    return this.fetching;
  }

  /** The server refused the current token; the next `current()` fetches another. */
  invalidate(): void {
    this.token = null;
  }

  /** Replaces the token source, as after the host signed the user in again. */
  replace(source: TokenSource): void {
    this.source = source;
    if (typeof source === 'string') this.accept(source);
    else this.token = null;
  }

  private accept(token: string): void {
    if (typeof token !== 'string' || token.length === 0) {
      throw new AuthError('unauthorized', 'The token provider returned no token');
    }
    const claims = readClaims(token);
    if (this.identity) {
      const same = claims.userId === this.identity.userId && claims.keyId === this.identity.keyId;
      if (!same) {
        throw new ConfabError(
          'identity_changed',
          'The new token is for another user or tenant; make a new client for them',
        );
      }
    } else {
      this.identity = { userId: claims.userId, keyId: claims.keyId };
    }
    this.token = token;
    this.claims = claims;
  }
}
