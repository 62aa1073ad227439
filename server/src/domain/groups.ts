import type { Member as MemberView, ParsedRequest, RequestResults } from '@confab/sdk/protocol';

import type { AppContext, UserContext } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { Conversation, Member, User } from '../store/models/index.js';
import type { ConversationDoc, MemberDoc, TenantDoc } from '../store/models/index.js';
import { appendEvent, publishChange } from './change-log.js';
import { viewConversation } from './conversation-views.js';
import { depart } from './departures.js';
import { appendSystemMessage, enrol } from './enrolment.js';
import { activeMemberPage, loadConversation, requireMembership } from './membership.js';
import { appendUserChange } from './user-log.js';

const ROLE_RANK = { member: 0, admin: 1, owner: 2 } as const;

/** Owners and admins manage a group; direct conversations have no managers. */
function requireManager(conversation: ConversationDoc, member: MemberDoc): void {
  if (conversation.type !== 'group') {
    throw forbidden('A direct conversation has no members to manage');
  }
  if (ROLE_RANK[member.role] < ROLE_RANK.admin) {
    throw forbidden('Only the owner and admins can do this');
  }
}

/** Renames a group, or changes its avatar or history setting: owners and admins. */
export async function updateConversation(
  ctx: UserContext,
  input: ParsedRequest<'conversation.update'>,
): Promise<RequestResults['conversation.update']> {
  const { member, conversation } = await requireMembership(ctx, input.conversationId);
  requireManager(conversation, member);
  const { conversationId: _, ...changes } = input;
  const updated = await updateConversationAs(
    ctx.app,
    ctx.tenant,
    conversation,
    ctx.userId,
    changes,
  );
  return viewConversation(ctx, updated);
}

export interface ConversationChanges {
  title?: string | undefined;
  avatarUrl?: string | null | undefined;
  historyVisibility?: 'full' | 'since_join' | undefined;
  readOnly?: boolean | undefined;
  disappearAfterSeconds?: number | null | undefined;
}

/**
 * Changes a conversation's shared settings as one logged change (`conversation.updated`,
 * pushed to every member); a new title is also recorded as a system message. `actorId`
 * checked nothing: callers have.
 */
export async function updateConversationAs(
  app: AppContext,
  tenant: TenantDoc,
  conversation: ConversationDoc,
  actorId: string,
  changes: ConversationChanges,
): Promise<ConversationDoc> {
  const tenantId = tenant._id;
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const next = { ...conversation, ...set } as ConversationDoc;
  const data = {
    title: next.title ?? null,
    avatarUrl: next.avatarUrl ?? null,
    historyVisibility: next.historyVisibility,
    readOnly: Boolean(next.readOnly),
    disappearAfterSeconds: next.disappearAfterSeconds ?? null,
  };
  const conversationId = conversation._id;

  await appendEvent(
    app,
    { tenantId, conversationId, type: 'conversation.updated', actorId, data },
    async () => {
      await Conversation.updateOne({ _id: conversationId, tenantId }, { $set: set });
    },
    async (event) => {
      publishChange(app, tenantId, {
        type: 'conversation.updated',
        conversationId: String(conversationId),
        seq: event.seq,
        ...data,
      });
    },
  );
  if (changes.title !== undefined && changes.title !== conversation.title) {
    await appendSystemMessage(
      app,
      tenantId,
      conversationId,
      actorId,
      `renamed:${conversation.lastSeq}`,
      {
        action: 'conversation.renamed',
        title: changes.title,
      },
    );
  }
  return loadConversation(tenantId, conversationId);
}

/** Leaves a conversation: from now on the caller receives nothing from it. */
export async function leaveConversation(
  ctx: UserContext,
  input: ParsedRequest<'conversation.leave'>,
): Promise<RequestResults['conversation.leave']> {
  const { member, conversation } = await requireMembership(ctx, input.conversationId);
  await depart(ctx.app, ctx.tenant, conversation, member, ctx.userId, 'left');
  return { left: true };
}

/** Mutes or unmutes a conversation for the caller, on all their devices. */
export async function muteConversation(
  ctx: UserContext,
  input: ParsedRequest<'conversation.mute'>,
): Promise<RequestResults['conversation.mute']> {
  const { member } = await requireMembership(ctx, input.conversationId);
  if (Boolean(member.muted) !== input.muted) {
    await Member.updateOne(
      { _id: member._id, tenantId: ctx.tenant._id },
      { $set: { muted: input.muted } },
    );
    await appendUserChange(ctx.app, ctx.tenant._id, ctx.userId, {
      type: 'conversation.muted',
      conversationId: input.conversationId,
      muted: input.muted,
    });
  }
  return { muted: input.muted };
}

function memberView(doc: MemberDoc): MemberView {
  return {
    userId: doc.userId,
    role: doc.role,
    joinedAt: new Date(doc.joinedAt).toISOString(),
    readSeq: doc.readSeq,
  };
}

/** The active members, by user id, paged, each with the name and avatar of their user. */
export async function listMembers(
  ctx: UserContext,
  input: ParsedRequest<'member.list'>,
): Promise<RequestResults['member.list']> {
  const { conversation } = await requireMembership(ctx, input.conversationId);
  const { page, next } = await activeMemberPage(
    ctx.tenant._id,
    conversation._id,
    input.limit,
    input.after,
  );
  const users = await User.find({
    tenantId: ctx.tenant._id,
    userId: { $in: page.map((doc) => doc.userId) },
  }).lean();
  const byId = new Map(users.map((user) => [user.userId, user]));
  const members = page.map((doc) => {
    const user = byId.get(doc.userId);
    return {
      ...memberView(doc),
      name: user?.name ?? doc.userId,
      avatarUrl: user?.avatarUrl ?? null,
    };
  });
  return { members, next };
}

/** Adds members to a group: owners and admins; the system message names who was added. */
export async function addMembers(
  ctx: UserContext,
  input: ParsedRequest<'member.add'>,
): Promise<RequestResults['member.add']> {
  const { member, conversation } = await requireMembership(ctx, input.conversationId);
  requireManager(conversation, member);
  const { added } = await enrol(ctx.app, ctx.tenant, conversation._id, input.userIds);
  if (added.length > 0) {
    await appendSystemMessage(
      ctx.app,
      ctx.tenant._id,
      conversation._id,
      ctx.userId,
      `added:${conversation.lastSeq}:${added.join(',').slice(0, 200)}`,
      { action: 'member.added', userIds: added },
    );
  }
  return { added };
}

/**
 * Removes a member: owners and admins; nobody removes the owner, and only the owner removes
 * an admin. Removing yourself is leaving.
 */
export async function removeMember(
  ctx: UserContext,
  input: ParsedRequest<'member.remove'>,
): Promise<RequestResults['member.remove']> {
  const { member, conversation } = await requireMembership(ctx, input.conversationId);
  if (input.userId === ctx.userId) {
    await depart(ctx.app, ctx.tenant, conversation, member, ctx.userId, 'left');
    return { removed: true };
  }
  requireManager(conversation, member);
  const target = await activeMember(ctx.tenant._id, conversation, input.userId);
  if (ROLE_RANK[target.role] >= ROLE_RANK[member.role]) {
    throw forbidden('Only the owner can remove an admin, and nobody can remove the owner');
  }
  await depart(ctx.app, ctx.tenant, conversation, target, ctx.userId, 'removed');
  return { removed: true };
}

async function activeMember(
  tenantId: string,
  conversation: ConversationDoc,
  userId: string,
): Promise<MemberDoc> {
  const target = await Member.findOne({
    tenantId,
    conversationId: conversation._id,
    userId,
    status: 'active',
  }).lean();
  if (!target) throw notFound('Member');
  return target;
}

/**
 * Changes a member's role: the owner only. Making someone the owner hands ownership over and
 * makes the former owner an admin.
 */
export async function setMemberRole(
  ctx: UserContext,
  input: ParsedRequest<'member.setRole'>,
): Promise<RequestResults['member.setRole']> {
  const tenantId = ctx.tenant._id;
  const { member, conversation } = await requireMembership(ctx, input.conversationId);
  requireManager(conversation, member);
  if (member.role !== 'owner') throw forbidden('Only the owner can change roles');
  if (input.userId === ctx.userId) {
    throw new AppError('invalid_input', 'Hand ownership to another member instead');
  }
  const target = await activeMember(tenantId, conversation, input.userId);
  if (target.role === input.role) return memberView(target);

  await Member.updateOne({ _id: target._id, tenantId }, { $set: { role: input.role } });
  if (input.role === 'owner') {
    await Member.updateOne({ _id: member._id, tenantId }, { $set: { role: 'admin' } });
  }
  await appendSystemMessage(
    ctx.app,
    tenantId,
    conversation._id,
    ctx.userId,
    `role:${input.userId}:${input.role}:${conversation.lastSeq}`,
    {
      action: input.role === 'owner' ? 'owner.changed' : 'member.role_changed',
      userIds: [input.userId],
      role: input.role,
    },
  );
  return memberView({ ...target, role: input.role });
}
