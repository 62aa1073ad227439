import type {
  Conversation as ConversationView,
  ConversationPage,
  ParsedRequest,
} from '@confab/sdk/protocol';
import { Types } from 'mongoose';

import type { UserContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { joinConversationRoom, publishToUsers } from '../realtime/publish.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Conversation } from '../store/models/index.js';
import type { ConversationDoc } from '../store/models/index.js';
import { activeConversationIds, requireMember, upsertMembers } from './membership.js';
import { existingUserIds } from './users.js';
import { conversationView } from './views.js';

/** The one key a pair of users shares, whichever of them opens the conversation. */
function directKey(a: string, b: string): string {
  return `direct:${JSON.stringify([a, b].sort())}`;
}

export async function getConversation(
  ctx: UserContext,
  input: ParsedRequest<'conversation.get'>,
): Promise<ConversationView> {
  await requireMember(ctx, input.conversationId);
  const doc = await Conversation.findOne({
    _id: input.conversationId,
    tenantId: ctx.tenant._id,
  }).lean();
  if (!doc) throw notFound('Conversation');
  return conversationView(doc);
}

/**
 * Opens the direct conversation between the caller and another user, creating it the first
 * time. Steps are ordered for crash safety: the conversation first, then both members with
 * idempotent upserts, so a retry finishes what a crash left.
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
  let created = false;
  if (!doc) {
    try {
      const made = await Conversation.create({
        tenantId,
        type: 'direct',
        uniqueKey,
        directUserIds: [ctx.userId, other].sort(),
        createdBy: ctx.userId,
        memberCount: 2,
      });
      doc = made.toObject() as ConversationDoc;
      created = true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await Conversation.findOne({ tenantId, uniqueKey }).lean();
      if (!winner) throw error;
      doc = winner;
    }
  }

  await upsertMembers(tenantId, doc._id, 0, [
    { userId: ctx.userId, role: 'member' },
    { userId: other, role: 'member' },
  ]);

  const view = conversationView(doc);
  if (created) announce(ctx, view, [ctx.userId, other]);
  return view;
}

export async function createGroup(
  ctx: UserContext,
  input: ParsedRequest<'conversation.createGroup'>,
): Promise<ConversationView> {
  const tenantId = ctx.tenant._id;
  const memberIds = [...new Set([ctx.userId, ...input.memberIds])];
  if (memberIds.length > ctx.tenant.settings.maxGroupSize) {
    throw new AppError(
      'invalid_input',
      `A group holds at most ${ctx.tenant.settings.maxGroupSize} members`,
    );
  }

  const known = await existingUserIds(tenantId, memberIds);
  const missing = memberIds.filter((id) => id !== ctx.userId && !known.has(id));
  if (missing.length > 0) {
    throw new AppError('not_found', 'Some members are not users of this app', {
      details: missing.map((id) => ({ path: ['memberIds'], code: 'unknown_user', message: id })),
    });
  }

  const _id = new Types.ObjectId();
  const made = await Conversation.create({
    _id,
    tenantId,
    type: 'group',
    uniqueKey: `group:${String(_id)}`,
    title: input.title,
    avatarUrl: input.avatarUrl ?? null,
    createdBy: ctx.userId,
    memberCount: memberIds.length,
  });
  await upsertMembers(
    tenantId,
    _id,
    0,
    memberIds.map((userId) => ({ userId, role: userId === ctx.userId ? 'owner' : 'member' })),
  );

  const view = conversationView(made.toObject() as ConversationDoc);
  announce(ctx, view, memberIds);
  return view;
}

/** Lets members' live sockets join the new conversation and tells each of their devices. */
function announce(ctx: UserContext, view: ConversationView, userIds: string[]): void {
  joinConversationRoom(ctx.app.io, ctx.tenant._id, userIds, view.id);
  publishToUsers(ctx.app.io, ctx.tenant._id, userIds, 'conversation.new', { conversation: view });
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
  return { conversations: page.map(conversationView), next };
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
