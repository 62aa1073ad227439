import type { Types } from 'mongoose';

import type { UserContext } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { Conversation, Member } from '../store/models/index.js';
import type { ConversationDoc, MemberDoc } from '../store/models/index.js';
import { pageAfter } from './paging.js';

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

export interface Membership {
  member: MemberDoc;
  conversation: ConversationDoc;
}

/** The caller's active membership and the conversation itself; `not_found` otherwise. */
export async function requireMembership(
  ctx: UserContext,
  conversationId: Types.ObjectId | string,
): Promise<Membership> {
  const [member, conversation] = await Promise.all([
    requireMember(ctx, conversationId),
    loadConversation(ctx.tenant._id, conversationId),
  ]);
  return { member, conversation };
}

export async function loadConversation(
  tenantId: string,
  conversationId: Types.ObjectId | string,
): Promise<ConversationDoc> {
  const conversation = await Conversation.findOne({ _id: conversationId, tenantId }).lean();
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

export interface ReadAccess {
  member: MemberDoc;
  conversation: ConversationDoc;
  /** The lowest seq this user may read (history visibility). */
  minSeq: number;
  /** The highest seq this user may read: where they left, or null while they are a member. */
  maxSeq: number | null;
}

/**
 * What of a conversation the caller may read. Members read it all (or, where history is
 * visible only since joining, from their join on); users who left or were removed keep what
 * they saw up to that moment and nothing after it. Anyone else gets `not_found`.
 */
export async function requireReader(
  ctx: UserContext,
  conversationId: Types.ObjectId | string,
): Promise<ReadAccess> {
  const tenantId = ctx.tenant._id;
  const [member, conversation] = await Promise.all([
    Member.findOne({ tenantId, conversationId, userId: ctx.userId }).lean(),
    Conversation.findOne({ _id: conversationId, tenantId }).lean(),
  ]);
  if (!member || !conversation) throw notFound('Conversation');
  const active = member.status === 'active';
  if (!active && member.leftSeq === null) throw notFound('Conversation');
  const sinceJoin = conversation.historyVisibility === 'since_join';
  return {
    member,
    conversation,
    minSeq: sinceJoin ? member.joinSeq + 1 : 1,
    maxSeq: active ? null : (member.leftSeq ?? 0),
  };
}

/**
 * Refuses a former member's request for changes after they left: what came later is not
 * theirs to see. Asking for their own past answers normally.
 */
export function refuseAfterLeaving(access: ReadAccess, afterSeq: number | undefined): void {
  if (access.maxSeq !== null && afterSeq !== undefined && afterSeq >= access.maxSeq) {
    throw forbidden('You are no longer a member; later messages are not yours to read');
  }
}

/** A page of a conversation's active members, by user id, after an opaque cursor. */
export function activeMemberPage(
  tenantId: string,
  conversationId: Types.ObjectId,
  limit: number,
  cursor: string | undefined,
) {
  return pageAfter(
    (after, count) => {
      const filter: Record<string, unknown> = { tenantId, conversationId, status: 'active' };
      if (after !== undefined) filter.userId = { $gt: after };
      return Member.find(filter).sort({ userId: 1 }).limit(count).lean();
    },
    (member) => member.userId,
    limit,
    cursor,
  );
}

/** Ids of the conversations a user is an active member of. */
export async function activeConversationIds(tenantId: string, userId: string): Promise<string[]> {
  const members = await Member.find(
    { tenantId, userId, status: 'active' },
    { conversationId: 1 },
  ).lean();
  return members.map((member) => String(member.conversationId));
}

/** Whether a group is above the tenant's large-group threshold, where strategy changes. */
export function isLarge(conversation: ConversationDoc, threshold: number): boolean {
  return conversation.type === 'group' && conversation.memberCount >= threshold;
}
