import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import type { UserContext } from '../context.js';
import { AppError } from '../errors.js';
import { User } from '../store/models/index.js';
import { screenText } from './blocked-words.js';

/**
 * What tenant staff impose on a user's sends and edits: a mute, the tenant's per-minute send
 * limit, and its blocked words. Staff posts and the tenant backend's posts skip all three.
 */

/** One limiter per limit value: each holds its points fixed, and few values are in use. */
const limiters = new Map<number, RateLimiterRedis>();

function limiterFor(ctx: UserContext, perMinute: number): RateLimiterRedis {
  let limiter = limiters.get(perMinute);
  if (!limiter) {
    limiter = new RateLimiterRedis({
      storeClient: ctx.app.redis,
      keyPrefix: `${ctx.app.config.REDIS_PREFIX}sends:${perMinute}`,
      points: perMinute,
      duration: 60,
      useRedisPackage: false,
    });
    limiters.set(perMinute, limiter);
  }
  return limiter;
}

async function assertNotMuted(ctx: UserContext): Promise<void> {
  const user = await User.findOne(
    { tenantId: ctx.tenant._id, userId: ctx.userId },
    { mutedUntil: 1 },
  ).lean();
  const until = user?.mutedUntil?.getTime() ?? 0;
  if (until > Date.now()) {
    throw new AppError('user_muted', 'You are muted in this app for now', {
      retryAfter: Math.ceil((until - Date.now()) / 1000),
    });
  }
}

async function takeSend(ctx: UserContext): Promise<void> {
  const perMinute = ctx.tenant.settings.messagesPerMinute ?? 0;
  if (perMinute <= 0) return;
  try {
    await limiterFor(ctx, perMinute).consume(`${ctx.tenant._id}:${ctx.userId}`);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw new AppError('rate_limited', `At most ${perMinute} messages a minute`, {
      retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
    });
  }
}

/** Checks a user's new message; answers the text to store (blocked words masked). */
export async function screenSend(ctx: UserContext, text: string): Promise<string> {
  await assertNotMuted(ctx);
  const screened = await screenText(ctx.tenant._id, text);
  await takeSend(ctx);
  return screened;
}

/** Checks a user's edit; a muted user cannot change what they said either. */
export async function screenEdit(ctx: UserContext, text: string): Promise<string> {
  await assertNotMuted(ctx);
  return screenText(ctx.tenant._id, text);
}
