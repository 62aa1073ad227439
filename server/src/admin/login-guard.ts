import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import { AppError } from '../errors.js';

/**
 * Brute-force protection for console sign-in, counted in Redis so every api node agrees.
 * Failed attempts count twice: per account (an app id and email) and per client address.
 * Past either limit, sign-in is refused, even with the right password, until the window ends.
 */

/** Failed sign-ins one account may take in one window. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Failed sign-ins one address may make in one window, across accounts. */
export const ADDRESS_FAILURE_LIMIT = 20;
const WINDOW_SECONDS = 15 * 60;

export class LoginGuard {
  private readonly byAccount: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;

  constructor(redis: Redis, prefix: string) {
    const base = { storeClient: redis, duration: WINDOW_SECONDS, useRedisPackage: false };
    this.byAccount = new RateLimiterRedis({
      ...base,
      keyPrefix: `${prefix}admin-login:account`,
      points: ACCOUNT_FAILURE_LIMIT,
    });
    this.byAddress = new RateLimiterRedis({
      ...base,
      keyPrefix: `${prefix}admin-login:address`,
      points: ADDRESS_FAILURE_LIMIT,
    });
  }

  /** Throws `rate_limited` while the account or the address has used up its attempts. */
  async check(account: string, address: string): Promise<void> {
    const [forAccount, forAddress] = await Promise.all([
      this.byAccount.get(account),
      this.byAddress.get(address),
    ]);
    const waits = [
      forAccount && forAccount.consumedPoints >= ACCOUNT_FAILURE_LIMIT ? forAccount : null,
      forAddress && forAddress.consumedPoints >= ADDRESS_FAILURE_LIMIT ? forAddress : null,
    ].filter((res): res is RateLimiterRes => res !== null);
    if (waits.length === 0) return;

    const retryAfter = Math.ceil(Math.max(...waits.map((res) => res.msBeforeNext)) / 1000);
    throw new AppError('rate_limited', 'Too many failed sign-ins; try again later', {
      retryAfter: Math.max(retryAfter, 1),
    });
  }

  async failed(account: string, address: string): Promise<void> {
    // Going over the limit rejects with a RateLimiterRes; the next check refuses anyway.
    const swallowLimit = (error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    };
    await Promise.all([
      this.byAccount.consume(account).catch(swallowLimit),
      this.byAddress.consume(address).catch(swallowLimit),
    ]);
  }

  /** A success clears the account's count; the address keeps its own. */
  async succeeded(account: string): Promise<void> {
    await this.byAccount.delete(account);
  }
}
