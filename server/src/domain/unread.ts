import type { Types } from 'mongoose';

import { Conversation, Member, Message } from '../store/models/index.js';
import type { ConversationDoc, MemberDoc } from '../store/models/index.js';
import { hiddenSeqs } from './hidden.js';

/**
 * Unread counts stop here: a badge shows "9999+" past it, and MongoDB stops counting at the
 * limit, so a member who never reads a busy group costs no more than one who reads daily.
 */
export const UNREAD_COUNT_CAP = 9_999;

/**
 * What counts as unread for a user: text messages from others after their read position,
 * still active (not deleted or recalled) and not hidden by them. Counted from the messages
 * themselves on every ask, so deletes, recalls, hides and leaves are reflected at once, with
 * no per-member counters to keep in step (and no per-member write on send).
 */
export function unreadFilter(
  tenantId: string,
  conversationId: Types.ObjectId | string,
  userId: string,
  readSeq: number,
  hidden: number[] = [],
) {
  const seq: Record<string, unknown> = { $gt: readSeq };
  if (hidden.length > 0) seq.$nin = hidden;
  return {
    tenantId,
    conversationId,
    seq,
    type: 'text',
    state: 'active',
    senderId: { $ne: userId },
  };
}

/**
 * One member's unread count. A member whose read position is at or past the conversation's
 * newest message has none, which answers most conversations without a query.
 */
export async function countUnread(
  conversation: Pick<ConversationDoc, '_id' | 'tenantId' | 'lastMessageSeq'>,
  member: Pick<MemberDoc, 'userId' | 'readSeq' | 'status'>,
): Promise<number> {
  if (member.status !== 'active' || member.readSeq >= conversation.lastMessageSeq) return 0;
  const { tenantId, _id } = conversation;
  const hidden = await hiddenSeqs(tenantId, _id, member.userId, member.readSeq);
  const filter = unreadFilter(tenantId, _id, member.userId, member.readSeq, hidden);
  return Message.countDocuments(filter, { limit: UNREAD_COUNT_CAP });
}

export interface UnreadSummary {
  total: number;
  conversations: { conversationId: string; unreadCount: number }[];
}

/**
 * A user's unread counts in each active conversation (or in the ones named) and in total.
 * The total leaves out muted conversations, as badges do.
 */
export async function unreadSummary(
  tenantId: string,
  userId: string,
  only?: string[],
): Promise<UnreadSummary> {
  const filter: Record<string, unknown> = { tenantId, userId, status: 'active' };
  if (only) filter.conversationId = { $in: only };
  const members = await Member.find(filter).lean();
  if (members.length === 0) return { total: 0, conversations: [] };

  const conversations = await Conversation.find(
    { tenantId, _id: { $in: members.map((m) => m.conversationId) } },
    { tenantId: 1, lastMessageSeq: 1 },
  ).lean();
  const byId = new Map(conversations.map((c) => [String(c._id), c]));

  let total = 0;
  const counts = await Promise.all(
    members.map(async (member) => {
      const conversation = byId.get(String(member.conversationId));
      const unreadCount = conversation ? await countUnread(conversation, member) : 0;
      if (!member.muted) total += unreadCount;
      return { conversationId: String(member.conversationId), unreadCount };
    }),
  );
  return { total, conversations: counts };
}
