import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import type { Config } from '../config.js';
import { AppError } from '../errors.js';

/**
 * The deployment's rate limits, counted in Redis so every api node agrees. Each is a number of
 * actions per window for one key (a user, a tenant, a client address); past it, the action is
 * refused with `rate_limited` and `retryAfter` (seconds until the window frees a point).
 * A limit of 0 turns it off. Tenants may set a stricter per-user send limit of their own
 * (`messagesPerMinute`, applied with moderation).
 */
export const LIMITS = {
  /** Messages sent or edited, per user. */
  send: { config: 'RATE_SENDS_PER_10S', seconds: 10, what: 'messages' },
  /** Reactions added or removed, per user. */
  react: { config: 'RATE_REACTIONS_PER_10S', seconds: 10, what: 'reactions' },
  /** Typing notices, per user (they are throttled besides). */
  typing: { config: 'RATE_TYPING_PER_10S', seconds: 10, what: 'typing notices' },
  /** New connections, per user. */
  connectUser: { config: 'RATE_CONNECTS_PER_MIN', seconds: 60, what: 'connections' },
  /** New connections, per client address. */
  connectAddress: { config: 'RATE_CONNECTS_PER_ADDRESS_PER_MIN', seconds: 60, what: 'connections' },
  /** Requests of every kind, per tenant, users and backend together. */
  tenant: { config: 'RATE_TENANT_REQUESTS_PER_S', seconds: 1, what: 'requests' },
  /** Tokens issued by the server API, per client address. */
  tokens: { config: 'RATE_TOKENS_PER_ADDRESS_PER_MIN', seconds: 60, what: 'tokens' },
} as const satisfies Record<string, { config: keyof Config; seconds: number; what: string }>;

export type LimitName = keyof typeof LIMITS;

export class RateLimits {
  private readonly limiters = new Map<LimitName, RateLimiterRedis>();

  constructor(
    private readonly config: Config,
    private readonly redis: Redis,
  ) {}

  private limiter(name: LimitName): RateLimiterRedis | null {
    const points = this.config[LIMITS[name].config] as number;
    if (points <= 0) return null;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.config.REDIS_PREFIX}rate:${name}`,
        points,
        duration: LIMITS[name].seconds,
        useRedisPackage: false,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  /** Takes one point for `key`, or throws `rate_limited` saying when to try again. */
  async take(name: LimitName, key: string): Promise<void> {
    const limiter = this.limiter(name);
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const { seconds, what } = LIMITS[name];
      const points = this.config[LIMITS[name].config] as number;
      throw new AppError('rate_limited', `Too many ${what}: at most ${points} per ${seconds} s`, {
        retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
      });
    }
  }
}
