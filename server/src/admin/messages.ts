import { randomUUID } from 'node:crypto';

import { field } from '@confab/sdk/protocol';
import { z } from 'zod';

import { eraseMessage } from '../domain/message-changes.js';
import { loadConversation } from '../domain/membership.js';
import { postMessage } from '../domain/messages.js';
import { AppError, notFound } from '../errors.js';
import { Message } from '../store/models/index.js';
import type { MessageDoc } from '../store/models/index.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { staffActor } from './context.js';
import { containsText, idFilter, listQuery, objectId, objectIds, findPage } from './list-query.js';

/** A conversation's messages as staff see them, with a moderator's delete and staff posts. */

export const messageFilter = z.object({
  id: idFilter,
  conversationId: field.conversationId.optional(),
  senderId: field.userId.optional(),
  q: z.string().max(200).optional(),
  state: z.enum(['active', 'deleted', 'recalled']).optional(),
});

const sortable = { seq: 'seq', createdAt: 'createdAt' };

export const staffPostSchema = z.object({
  conversationId: field.conversationId,
  text: field.safeText(20_000, 1),
  clientId: field.clientId.optional(),
});

export function adminMessageView(doc: MessageDoc) {
  const removed = doc.state !== 'active';
  return {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    seq: doc.seq,
    senderId: doc.senderId,
    type: doc.type,
    text: removed ? '' : doc.text,
    state: doc.state,
    system: doc.system ? { action: doc.system.action, userIds: [...doc.system.userIds] } : null,
    createdAt: doc.createdAt,
    editedAt: doc.editedAt ?? null,
    removedAt: doc.removedAt ?? null,
  };
}

export async function listAdminMessages(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, sortable, 'DESC', messageFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  const { id, conversationId, senderId, q, state } = list.filter;
  if (id) where._id = { $in: objectIds(id) };
  if (conversationId) where.conversationId = objectId(conversationId, 'Conversation');
  if (!id && !conversationId) {
    throw new AppError('invalid_input', 'Filter messages by conversationId');
  }
  if (senderId) where.senderId = senderId;
  if (q) where.text = containsText(q);
  if (state) where.state = state;
  const { docs, total } = await findPage<MessageDoc>(Message, where, list);
  return { data: docs.map((doc) => adminMessageView(doc)), total };
}

export async function findMessage(ctx: AdminContext, id: string): Promise<MessageDoc> {
  const doc = await Message.findOne({
    _id: objectId(id, 'Message'),
    tenantId: ctx.tenant._id,
  }).lean();
  if (!doc) throw notFound('Message');
  return doc as MessageDoc;
}

/**
 * A moderator's delete for everyone: the same erasure as the sender's own, so connected
 * members get `message.deleted` at once and the text is gone from storage.
 */
export async function moderatorDelete(ctx: AdminContext, doc: MessageDoc): Promise<MessageDoc> {
  if (doc.type !== 'text') throw new AppError('invalid_input', 'Only text messages can be deleted');
  if (doc.state !== 'active') {
    throw new AppError('message_removed', `This message was ${doc.state} already`);
  }
  const erased = await eraseMessage(ctx.app, ctx.tenant, doc, staffActor(ctx.admin), 'deleted');
  await audit(
    ctx,
    'message.delete',
    { type: 'message', id: String(doc._id) },
    { conversationId: String(doc.conversationId), seq: doc.seq, senderId: doc.senderId },
    { state: 'deleted' },
  );
  return erased;
}

/** A post by staff, accepted even where the conversation is read-only for its members. */
export async function staffPost(ctx: AdminContext, input: z.output<typeof staffPostSchema>) {
  const conversation = await loadConversation(
    ctx.tenant._id,
    objectId(input.conversationId, 'Conversation'),
  );
  const result = await postMessage(ctx.app, ctx.tenant, conversation, staffActor(ctx.admin), {
    clientId: input.clientId ?? randomUUID(),
    text: input.text,
  });
  if (!result.duplicate) {
    await audit(ctx, 'message.post', { type: 'conversation', id: input.conversationId }, null, {
      seq: result.message.seq,
    });
  }
  return { message: await findMessage(ctx, result.message.id), duplicate: result.duplicate };
}
