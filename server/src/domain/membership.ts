import type { Types } from 'mongoose';

import type { UserContext } from '../context.js';
import { notFound } from '../errors.js';
import { Member } from '../store/models/index.js';
import type { MemberDoc } from '../store/models/index.js';

/**
 * The caller's active membership of a conversation. A non-member gets the same `not_found`
 * as for a conversation that does not exist, so they learn nothing about it.
 */
export async function requireMember(
  ctx: UserContext,
  conversationId: Types.ObjectId | string,
): Promise<MemberDoc> {
  const member = await Member.findOne({
    tenantId: ctx.tenant._id,
    conversationId,
    userId: ctx.userId,
    status: 'active',
  }).lean();
  if (!member) throw notFound('Conversation');
  return member;
}

/** Ids of the conversations a user is an active member of. */
export async function activeConversationIds(tenantId: string, userId: string): Promise<string[]> {
  const members = await Member.find(
    { tenantId, userId, status: 'active' },
    { conversationId: 1 },
  ).lean();
  return members.map((member) => String(member.conversationId));
}

export interface NewMember {
  userId: string;
  role: 'owner' | 'admin' | 'member';
}

/** Adds members idempotently: running it again after a crash finishes the job. */
export async function upsertMembers(
  tenantId: string,
  conversationId: Types.ObjectId,
  joinSeq: number,
  members: NewMember[],
): Promise<void> {
  if (members.length === 0) return;
  await Member.bulkWrite(
    members.map((member) => ({
      updateOne: {
        filter: { tenantId, conversationId, userId: member.userId },
        update: {
          $setOnInsert: {
            role: member.role,
            status: 'active',
            joinSeq,
            readSeq: joinSeq,
            joinedAt: new Date(),
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
}
