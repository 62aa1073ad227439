import { field } from '@confab/sdk/protocol';
import { z } from 'zod';

import { AppError, notFound } from '../errors.js';
import { Flag, Message } from '../store/models/index.js';
import type { FlagDoc, MessageDoc } from '../store/models/index.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { findMessage, moderatorDelete } from './messages.js';
import { requirePermission } from './permissions.js';
import { idFilter, listQuery, objectId, objectIds, findPage } from './list-query.js';
import { actOnUser } from './users.js';

/** The review queue of reported messages, and its three ways out. */

export const flagFilter = z.object({
  id: idFilter,
  status: z.enum(['open', 'dismissed', 'deleted', 'banned']).optional(),
  reason: z.enum(['spam', 'abuse', 'other']).optional(),
  conversationId: field.conversationId.optional(),
  senderId: field.userId.optional(),
});

const sortable = { createdAt: 'createdAt', resolvedAt: 'resolvedAt', status: 'status' };

export const resolveSchema = z.object({
  action: z.enum(['dismiss', 'delete', 'ban']),
  /** Why, for a ban: the banned user's record and the audit log keep it. */
  reason: field.safeText(500, 1).optional(),
});

function flagView(doc: FlagDoc, message: MessageDoc | undefined) {
  return {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    messageId: doc.messageId,
    seq: doc.seq,
    senderId: doc.senderId,
    reporterId: doc.reporterId,
    reason: doc.reason,
    note: doc.note,
    status: doc.status,
    // The message as it is now: erased text stays erased here too.
    messageText: message && message.state === 'active' ? message.text : '',
    messageState: message?.state ?? 'deleted',
    createdAt: doc.createdAt,
    resolvedBy: doc.resolvedBy ?? null,
    resolvedAt: doc.resolvedAt ?? null,
  };
}

async function withMessages(ctx: AdminContext, docs: FlagDoc[]) {
  const ids = objectIds([...new Set(docs.map((doc) => doc.messageId))]);
  const messages = await Message.find({ tenantId: ctx.tenant._id, _id: { $in: ids } }).lean();
  const byId = new Map(messages.map((m) => [String(m._id), m as MessageDoc]));
  return docs.map((doc) => flagView(doc, byId.get(doc.messageId)));
}

export async function listFlags(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, sortable, 'DESC', flagFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  const { id, status, reason, conversationId, senderId } = list.filter;
  if (id) where._id = { $in: objectIds(id) };
  if (status) where.status = status;
  if (reason) where.reason = reason;
  if (conversationId) where.conversationId = objectId(conversationId, 'Conversation');
  if (senderId) where.senderId = senderId;
  const { docs, total } = await findPage<FlagDoc>(Flag, where, list);
  return { data: await withMessages(ctx, docs), total };
}

async function findFlag(ctx: AdminContext, id: string): Promise<FlagDoc> {
  const doc = await Flag.findOne({ _id: objectId(id, 'Flag'), tenantId: ctx.tenant._id }).lean();
  if (!doc) throw notFound('Flag');
  return doc as FlagDoc;
}

export async function getFlag(ctx: AdminContext, id: string) {
  const [view] = await withMessages(ctx, [await findFlag(ctx, id)]);
  return view!;
}

const outcome = { dismiss: 'dismissed', delete: 'deleted', ban: 'banned' } as const;

/**
 * Resolves a flag, and with it every open flag on the same message: dismissed, the message
 * deleted for everyone, or its sender banned (which needs the right to ban).
 */
export async function resolveFlag(
  ctx: AdminContext,
  id: string,
  input: z.output<typeof resolveSchema>,
) {
  const flag = await findFlag(ctx, id);
  if (flag.status !== 'open')
    throw new AppError('conflict', `This flag was ${flag.status} already`);

  if (input.action === 'delete') {
    const message = await findMessage(ctx, flag.messageId).catch(() => null);
    // Gone already (the sender deleted or recalled it): the flag only needs closing.
    if (message && message.state === 'active') await moderatorDelete(ctx, message);
  } else if (input.action === 'ban') {
    requirePermission(ctx.admin.role, 'users.moderate');
    const reason = input.reason ?? `Reported message (${flag.reason})`;
    await actOnUser(ctx, flag.senderId, { action: 'ban', reason });
  }

  const status = outcome[input.action];
  await Flag.updateMany(
    { tenantId: ctx.tenant._id, messageId: flag.messageId, status: 'open' },
    { $set: { status, resolvedBy: ctx.admin._id, resolvedAt: new Date() } },
  );
  await audit(ctx, `flag.${input.action}`, { type: 'flag', id }, { status: 'open' }, { status });
  return getFlag(ctx, id);
}
