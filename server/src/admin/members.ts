import { field } from '@confab/sdk/protocol';
import { z } from 'zod';

import { depart } from '../domain/departures.js';
import { appendSystemMessage, enrol } from '../domain/enrolment.js';
import { loadConversation } from '../domain/membership.js';
import { AppError, notFound } from '../errors.js';
import { Member } from '../store/models/index.js';
import type { MemberDoc } from '../store/models/index.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { staffActor } from './context.js';
import { idFilter, listQuery, objectId, objectIds, findPage } from './list-query.js';

/** Members of conversations, listed per conversation or per user; staff add and remove them. */

export const memberFilter = z.object({
  id: idFilter,
  conversationId: field.conversationId.optional(),
  userId: field.userId.optional(),
  status: z.enum(['active', 'left', 'removed']).optional(),
});

const sortable = { joinedAt: 'joinedAt', userId: 'userId', role: 'role' };

export const newMemberSchema = z.object({
  conversationId: field.conversationId,
  userId: field.userId,
  role: z.enum(['member', 'admin']).default('member'),
});

export function adminMemberView(doc: MemberDoc) {
  return {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    userId: doc.userId,
    role: doc.role,
    status: doc.status,
    joinedAt: doc.joinedAt,
    readSeq: doc.readSeq,
    muted: Boolean(doc.muted),
  };
}

export async function listMembers(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, sortable, 'ASC', memberFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  const { id, conversationId, userId, status } = list.filter;
  if (id) where._id = { $in: objectIds(id) };
  if (conversationId) where.conversationId = objectId(conversationId, 'Conversation');
  if (userId) where.userId = userId;
  if (status) where.status = status;
  if (!id && !conversationId && !userId) {
    throw new AppError('invalid_input', 'Filter members by conversationId or userId');
  }
  const { docs, total } = await findPage<MemberDoc>(Member, where, list);
  return { data: docs.map((doc) => adminMemberView(doc)), total };
}

async function findMember(ctx: AdminContext, id: string): Promise<MemberDoc> {
  const doc = await Member.findOne({
    _id: objectId(id, 'Member'),
    tenantId: ctx.tenant._id,
  }).lean();
  if (!doc) throw notFound('Member');
  return doc as MemberDoc;
}

export async function getAdminMember(ctx: AdminContext, id: string) {
  return adminMemberView(await findMember(ctx, id));
}

/** Adds a user to a group, with the same system message and events as a member's own add. */
export async function addMember(ctx: AdminContext, input: z.output<typeof newMemberSchema>) {
  const tenantId = ctx.tenant._id;
  const conversation = await loadConversation(
    tenantId,
    objectId(input.conversationId, 'Conversation'),
  );
  if (conversation.type !== 'group') {
    throw new AppError('invalid_input', 'Members can only be added to groups');
  }
  const actor = staffActor(ctx.admin);
  const { added } = await enrol(ctx.app, ctx.tenant, conversation._id, [input.userId], input.role);
  if (added.length > 0) {
    await appendSystemMessage(
      ctx.app,
      tenantId,
      conversation._id,
      actor,
      `added:${conversation.lastSeq}:1:${input.userId}`,
      { action: 'member.added', userIds: added },
    );
  }
  const member = await Member.findOne({
    tenantId,
    conversationId: conversation._id,
    userId: input.userId,
  }).lean();
  await audit(ctx, 'member.add', { type: 'conversation', id: input.conversationId }, null, {
    userId: input.userId,
    role: input.role,
  });
  return adminMemberView(member as MemberDoc);
}

/** Removes a member: from that moment they receive nothing more from the conversation. */
export async function removeMember(ctx: AdminContext, id: string) {
  const member = await findMember(ctx, id);
  if (member.status !== 'active') throw new AppError('conflict', 'This member already left');
  const conversation = await loadConversation(ctx.tenant._id, member.conversationId);
  if (conversation.type !== 'group') {
    throw new AppError('invalid_input', 'Members can only be removed from groups');
  }
  await depart(ctx.app, ctx.tenant, conversation, member, staffActor(ctx.admin), 'removed');
  await audit(
    ctx,
    'member.remove',
    { type: 'conversation', id: String(conversation._id) },
    { userId: member.userId, role: member.role },
    null,
  );
  return getAdminMember(ctx, id);
}
