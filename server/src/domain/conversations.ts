import type {
  Conversation as ConversationView,
  ConversationPage,
  ParsedRequest,
} from '@confab/sdk/protocol';
import { Types } from 'mongoose';

import type { AppContext, UserContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Conversation, Member } from '../store/models/index.js';
import type { ConversationDoc, TenantDoc } from '../store/models/index.js';
import { assertNotBlocked } from './blocks.js';
import { viewConversation, viewConversations } from './conversation-views.js';
import { appendSystemMessage, enrol } from './enrolment.js';
import { activeConversationIds, loadConversation, requireMembership } from './membership.js';
import { existingUserIds } from './users.js';
import { emitWebhookEvent } from './webhooks.js';

/** The one key a pair of users shares, whichever of them opens the conversation. */
function directKey(a: string, b: string): string {
  return `direct:${JSON.stringify([a, b].sort())}`;
}

export async function getConversation(
  ctx: UserContext,
  input: ParsedRequest<'conversation.get'>,
): Promise<ConversationView> {
  const { conversation } = await requireMembership(ctx, input.conversationId);
  return viewConversation(ctx, conversation);
}

/**
 * Opens the direct conversation between the caller and another user, creating it the first
 * time. Steps are ordered for crash safety: the conversation first, then both members, so a
 * retry finishes what a crash left. A caller who had left it comes back in.
 */
export async function openDirect(
  ctx: UserContext,
  input: ParsedRequest<'conversation.openDirect'>,
): Promise<ConversationView> {
  const tenantId = ctx.tenant._id;
  const other = input.userId;
  if (other === ctx.userId) {
    throw new AppError('invalid_input', 'A direct conversation needs another user');
  }
  if (!(await existingUserIds(tenantId, [other])).has(other)) throw notFound('User');

  const uniqueKey = directKey(ctx.userId, other);
  let doc: ConversationDoc | null = await Conversation.findOne({ tenantId, uniqueKey }).lean();
  if (!doc) {
    await assertNotBlocked(tenantId, ctx.userId, other);
    doc = await createDirect(tenantId, uniqueKey, ctx.userId, other);
  }

  const mine = await Member.findOne({ tenantId, conversationId: doc._id, userId: ctx.userId });
  if (mine?.status !== 'active') {
    // The first open enrols both; a later open only brings the caller back.
    const userIds = mine ? [ctx.userId] : [ctx.userId, other];
    await enrol(ctx.app, ctx.tenant, doc._id, userIds);
  }
  return viewConversation(ctx, await loadConversation(tenantId, doc._id));
}

async function createDirect(
  tenantId: string,
  uniqueKey: string,
  userId: string,
  other: string,
): Promise<ConversationDoc> {
  try {
    const made = await Conversation.create({
      tenantId,
      type: 'direct',
      uniqueKey,
      directUserIds: [userId, other].sort(),
      createdBy: userId,
    });
    return made.toObject() as ConversationDoc;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const winner = await Conversation.findOne({ tenantId, uniqueKey }).lean();
    if (!winner) throw error;
    return winner;
  }
}

export async function createGroup(
  ctx: UserContext,
  input: ParsedRequest<'conversation.createGroup'>,
): Promise<ConversationView> {
  const doc = await createGroupAs(ctx.app, ctx.tenant, ctx.userId, input);
  return viewConversation(ctx, doc);
}

export interface NewGroup {
  title: string;
  avatarUrl?: string | undefined;
  memberIds: string[];
  historyVisibility: 'full' | 'since_join';
}

/**
 * Creates a group owned by `ownerId` with these members. The members are enrolled before the
 * system message that records the creation, so every member's history starts with it.
 */
export async function createGroupAs(
  app: AppContext,
  tenant: TenantDoc,
  ownerId: string,
  input: NewGroup,
): Promise<ConversationDoc> {
  const tenantId = tenant._id;
  const others = [...new Set(input.memberIds)].filter((id) => id !== ownerId);
  if (others.length + 1 > tenant.settings.maxGroupSize) {
    throw new AppError(
      'invalid_input',
      `A group holds at most ${tenant.settings.maxGroupSize} members`,
    );
  }
  const known = await existingUserIds(tenantId, [ownerId, ...others]);
  const missing = [ownerId, ...others].filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError('not_found', 'Some members are not users of this app', {
      details: missing
        .slice(0, 20)
        .map((id) => ({ path: ['memberIds'], code: 'unknown_user', message: id })),
    });
  }

  const _id = new Types.ObjectId();
  await Conversation.create({
    _id,
    tenantId,
    type: 'group',
    uniqueKey: `group:${String(_id)}`,
    title: input.title,
    avatarUrl: input.avatarUrl ?? null,
    historyVisibility: input.historyVisibility,
    createdBy: ownerId,
  });
  await enrol(app, tenant, _id, [ownerId], 'owner');
  if (others.length > 0) await enrol(app, tenant, _id, others);
  await appendSystemMessage(app, tenantId, _id, ownerId, 'created', {
    action: 'conversation.created',
    userIds: others,
    title: input.title,
  });
  void emitWebhookEvent(app, tenantId, 'conversation.created', String(_id), {
    conversationId: String(_id),
    type: 'group',
    title: input.title,
    ownerId,
    memberCount: others.length + 1,
  });
  return loadConversation(tenantId, _id);
}

/** The caller's conversations, most recently active first, paged by an opaque cursor. */
export async function listConversations(
  ctx: UserContext,
  input: ParsedRequest<'conversation.list'>,
): Promise<ConversationPage> {
  const tenantId = ctx.tenant._id;
  const ids = await activeConversationIds(tenantId, ctx.userId);
  const filter: Record<string, unknown> = { tenantId, _id: { $in: ids } };

  if (input.before) {
    const cursor = decodeCursor(input.before);
    filter.$or = [
      { lastActivityAt: { $lt: cursor.at } },
      { lastActivityAt: cursor.at, _id: { $lt: cursor.id } },
    ];
  }

  const docs = await Conversation.find(filter)
    .sort({ lastActivityAt: -1, _id: -1 })
    .limit(input.limit + 1)
    .lean();
  const page = docs.slice(0, input.limit);
  const last = page.at(-1);
  const next = docs.length > input.limit && last ? encodeCursor(last) : null;
  return { conversations: await viewConversations(ctx, page), next };
}

function encodeCursor(doc: ConversationDoc): string {
  const raw = JSON.stringify([new Date(doc.lastActivityAt).toISOString(), String(doc._id)]);
  return Buffer.from(raw).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: Types.ObjectId } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !Types.ObjectId.isValid(id)) throw new Error('bad cursor');
    return { at: date, id: new Types.ObjectId(id) };
  } catch {
    throw new AppError('invalid_input', 'The before cursor is not one this server gave out', {
      details: [{ path: ['before'], code: 'bad_cursor', message: 'unknown cursor' }],
    });
  }
}
