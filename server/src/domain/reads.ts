import type { ParsedRequest, RequestResults } from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';
import { notFound } from '../errors.js';
import { publishToConversation } from '../realtime/publish.js';
import { Member, Message } from '../store/models/index.js';
import { isHidden } from './hidden.js';
import { activeMemberPage, isLarge, requireMembership } from './membership.js';
import { pageAfter } from './paging.js';
import { countUnread, unreadSummary } from './unread.js';
import { appendUserChange } from './user-log.js';

/**
 * Moves the caller's read position up to `seq` (never past the conversation's newest change).
 * One conditional write: a lower seq than the stored one matches nothing, so read marks from
 * several devices at once end at the highest. A move reaches all the caller's devices with
 * fresh unread counts and, in groups under the large-group threshold, every member.
 */
export async function markRead(
  ctx: UserContext,
  input: ParsedRequest<'read.mark'>,
): Promise<RequestResults['read.mark']> {
  const tenantId = ctx.tenant._id;
  const { member, conversation } = await requireMembership(ctx, input.conversationId);
  const target = Math.min(input.seq, conversation.lastSeq);

  // The write is conditional, which MongoDB applies atomically; the development store reads
  // and writes in two steps, so marks of one member on this node also queue behind each other.
  const moved = await ctx.app.conversationQueue.run(`read:${String(member._id)}`, () =>
    Member.findOneAndUpdate(
      { _id: member._id, tenantId, status: 'active', readSeq: { $lt: target } },
      { $set: { readSeq: target } },
      { new: true },
    ).lean(),
  );
  const current = moved ?? (await Member.findOne({ _id: member._id, tenantId }).lean()) ?? member;

  const [unreadCount, summary] = await Promise.all([
    countUnread(conversation, current),
    unreadSummary(tenantId, ctx.userId),
  ]);
  if (moved) {
    await appendUserChange(
      ctx.app,
      tenantId,
      ctx.userId,
      { type: 'read.updated', conversationId: input.conversationId, readSeq: moved.readSeq },
      { unreadCount, totalUnread: summary.total },
    );
    if (!isLarge(conversation, ctx.tenant.settings.largeGroupThreshold)) {
      publishToConversation(ctx.app.io, tenantId, input.conversationId, 'member.read', {
        conversationId: input.conversationId,
        userId: ctx.userId,
        readSeq: moved.readSeq,
      });
    }
  }
  return { readSeq: current.readSeq, unreadCount, totalUnread: summary.total };
}

/** Every active member's read position, by user id, paged, so clients can place avatars. */
export async function readPositions(
  ctx: UserContext,
  input: ParsedRequest<'read.positions'>,
): Promise<RequestResults['read.positions']> {
  const { conversation } = await requireMembership(ctx, input.conversationId);
  const { page, next } = await activeMemberPage(
    ctx.tenant._id,
    conversation._id,
    input.limit,
    input.after,
  );
  return {
    positions: page.map((m) => ({ userId: m.userId, readSeq: m.readSeq })),
    next,
  };
}

/**
 * Who has read one message and who has not, paged by user id, with both counts. Derived from
 * read positions: a member has read a message when their readSeq reached its seq. The sender
 * and members who joined after it are in neither list.
 */
export async function getReceipts(
  ctx: UserContext,
  input: ParsedRequest<'receipt.get'>,
): Promise<RequestResults['receipt.get']> {
  const tenantId = ctx.tenant._id;
  const { conversation } = await requireMembership(ctx, input.conversationId);
  const message = await Message.findOne(
    { tenantId, conversationId: conversation._id, seq: input.seq },
    { senderId: 1, seq: 1, type: 1 },
  ).lean();
  if (!message || message.type !== 'text') throw notFound('Message');
  if (await isHidden(tenantId, conversation._id, ctx.userId, message.seq)) {
    throw notFound('Message');
  }

  const base = {
    tenantId,
    conversationId: conversation._id,
    status: 'active',
    userId: { $ne: message.senderId },
    joinSeq: { $lt: message.seq },
  };
  const read = { ...base, readSeq: { $gte: message.seq } };
  const unread = { ...base, readSeq: { $lt: message.seq } };
  const listed = input.state === 'read' ? read : unread;
  const [readCount, unreadCount, { page, next }] = await Promise.all([
    Member.countDocuments(read),
    Member.countDocuments(unread),
    pageAfter(
      (after, limit) => {
        const userId = after === undefined ? base.userId : { ...base.userId, $gt: after };
        return Member.find({ ...listed, userId }, { userId: 1 })
          .sort({ userId: 1 })
          .limit(limit)
          .lean();
      },
      (member) => member.userId,
      input.limit,
      input.after,
    ),
  ]);
  return { userIds: page.map((m) => m.userId), next, readCount, unreadCount };
}

/** Unread counts per conversation and in total (muted conversations not in the total). */
export async function getUnread(
  ctx: UserContext,
  input: ParsedRequest<'unread.get'>,
): Promise<RequestResults['unread.get']> {
  return unreadSummary(ctx.tenant._id, ctx.userId, input.conversationIds);
}
