import type { ParsedRequest, RequestResults } from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';
import { conversationRoom, userRoom } from '../realtime/rooms.js';
import { requireMember } from './membership.js';

/** A user's typing reaches the others at most once per this many ms, per conversation. */
export const TYPING_THROTTLE_MS = 2_000;

/**
 * Tells the conversation's other members, on every node, that the caller is typing. Ephemeral:
 * nothing is stored but a throttle key in Redis that expires by itself. Answers whether this
 * one went out or fell inside the throttle.
 */
export async function startTyping(
  ctx: UserContext,
  input: ParsedRequest<'typing.start'>,
): Promise<RequestResults['typing.start']> {
  const tenantId = ctx.tenant._id;
  await requireMember(ctx, input.conversationId);
  const key = `${ctx.app.config.REDIS_PREFIX}typing:${tenantId}:${input.conversationId}:${ctx.userId}`;
  const first = await ctx.app.redis.set(key, '1', 'PX', TYPING_THROTTLE_MS, 'NX');
  if (first !== 'OK') return { sent: false };
  ctx.app.io
    .to(conversationRoom(tenantId, input.conversationId))
    .except(userRoom(tenantId, ctx.userId))
    .emit('typing.started', { conversationId: input.conversationId, userId: ctx.userId });
  return { sent: true };
}
