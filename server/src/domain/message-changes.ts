import type { MessagePage, ParsedRequest, RequestResults } from '@confab/sdk/protocol';
import { codePointLength } from '@confab/sdk/protocol';
import { Types } from 'mongoose';

import type { AppContext, UserContext } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { screenEdit } from '../moderation/send-limits.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Event, Hidden, Message, Reaction } from '../store/models/index.js';
import type { MessageDoc, TenantDoc } from '../store/models/index.js';
import { appendEvent, publishChange, refreshPreview } from './change-log.js';
import { hiddenSeqs, isHidden } from './hidden.js';
import { requireMembership, requireReader } from './membership.js';
import { viewMessage, viewMessages } from './message-views.js';
import { appendUserChange } from './user-log.js';
import { emitWebhookEvent, scrubDeliveries } from './webhooks.js';

type Target = { conversationId: string; seq: number };

/**
 * A message of the caller's that they may still change: they are an active member, it is a
 * text message they sent, and it has not been deleted or recalled.
 */
async function ownActiveMessage(ctx: UserContext, target: Target): Promise<MessageDoc> {
  const access = await requireMembership(ctx, target.conversationId);
  const doc = await findVisible(
    ctx,
    target,
    access.member.joinSeq,
    access.conversation.historyVisibility,
  );
  if (doc.senderId !== ctx.userId) throw forbidden('Only the sender can change this message');
  if (doc.state !== 'active') {
    await logRemovalIfMissing(ctx.app, ctx.tenant._id, doc);
    throw new AppError('message_removed', `This message was ${doc.state}; it cannot change`);
  }
  return doc;
}

/**
 * A removal writes the tombstone, then its event. A crash between the two leaves a tombstone
 * that no member has heard of; the next attempt on that message writes the event it lacks.
 */
async function logRemovalIfMissing(app: AppContext, tenantId: string, doc: MessageDoc) {
  const type = doc.state === 'deleted' ? 'message.deleted' : 'message.recalled';
  const where = { tenantId, conversationId: doc.conversationId, targetSeq: doc.seq, type };
  if (await Event.exists(where)) return;
  await appendEvent(
    app,
    {
      tenantId,
      conversationId: doc.conversationId,
      type,
      actorId: doc.senderId,
      targetSeq: doc.seq,
    },
    undefined,
    async (event) => {
      await refreshPreview(doc);
      publishChange(app, tenantId, {
        type,
        conversationId: String(doc.conversationId),
        seq: event.seq,
        message: await viewMessage(tenantId, doc),
      });
    },
  );
}

/** The message at this seq, if the caller may see it; `not_found` otherwise. */
async function findVisible(
  ctx: UserContext,
  target: Target,
  joinSeq: number,
  historyVisibility: string,
): Promise<MessageDoc> {
  const doc = await Message.findOne({
    tenantId: ctx.tenant._id,
    conversationId: new Types.ObjectId(target.conversationId),
    seq: target.seq,
  }).lean();
  const beforeJoin = historyVisibility === 'since_join' && target.seq <= joinSeq;
  if (!doc || doc.type !== 'text' || beforeJoin) throw notFound('Message');
  if (await isHidden(ctx.tenant._id, doc.conversationId, ctx.userId, doc.seq)) {
    throw notFound('Message');
  }
  return doc;
}

/** Seconds since the message was sent, against a window in seconds. */
function withinWindow(doc: MessageDoc, windowSeconds: number): boolean {
  return Date.now() - doc.createdAt.getTime() <= windowSeconds * 1000;
}

/** Edits the text: the sender only, within the tenant's edit window. */
export async function editMessage(
  ctx: UserContext,
  input: ParsedRequest<'message.edit'>,
): Promise<RequestResults['message.edit']> {
  const doc = await ownActiveMessage(ctx, input);
  const { editWindowSeconds, maxMessageLength } = ctx.tenant.settings;
  if (!withinWindow(doc, editWindowSeconds)) {
    throw new AppError('window_closed', 'The time to edit this message has passed');
  }
  if (codePointLength(input.text) > maxMessageLength) {
    throw new AppError(
      'invalid_input',
      `Message text is longer than ${maxMessageLength} characters`,
      {
        details: [
          { path: ['text'], code: 'too_big', message: `at most ${maxMessageLength} characters` },
        ],
      },
    );
  }
  const text = await screenEdit(ctx, input.text);
  const edited = await changeMessage(ctx.app, ctx.tenant._id, doc, ctx.userId, 'message.edited', {
    $set: { text, editedAt: new Date() },
  });
  return viewMessage(ctx.tenant._id, edited, ctx.userId);
}

/** Deletes for everyone: the sender only; the text and reactions are erased from storage. */
export async function deleteMessage(
  ctx: UserContext,
  input: ParsedRequest<'message.delete'>,
): Promise<RequestResults['message.delete']> {
  const doc = await ownActiveMessage(ctx, input);
  const erased = await eraseMessage(ctx.app, ctx.tenant, doc, ctx.userId, 'deleted');
  return viewMessage(ctx.tenant._id, erased, ctx.userId);
}

/** Recalls: the sender only, within the tenant's recall window; the content is erased. */
export async function recallMessage(
  ctx: UserContext,
  input: ParsedRequest<'message.recall'>,
): Promise<RequestResults['message.recall']> {
  const doc = await ownActiveMessage(ctx, input);
  if (!withinWindow(doc, ctx.tenant.settings.recallWindowSeconds)) {
    throw new AppError('window_closed', 'The time to recall this message has passed');
  }
  const erased = await eraseMessage(ctx.app, ctx.tenant, doc, ctx.userId, 'recalled');
  return viewMessage(ctx.tenant._id, erased, ctx.userId);
}

/**
 * Replaces a message with a tombstone for every member: its text, mentions and reactions are
 * erased from storage, and the conversation's preview is corrected. Used for the sender's
 * delete and recall, and for a moderator's delete (`actorId` is who did it).
 */
export async function eraseMessage(
  app: AppContext,
  tenant: TenantDoc,
  doc: MessageDoc,
  actorId: string,
  state: 'deleted' | 'recalled',
): Promise<MessageDoc> {
  const type = state === 'deleted' ? 'message.deleted' : 'message.recalled';
  const erased = await changeMessage(app, tenant._id, doc, actorId, type, {
    $set: { state, text: '', mentions: [], reactions: [], removedAt: new Date() },
  });
  await Reaction.deleteMany({
    tenantId: tenant._id,
    conversationId: doc.conversationId,
    seq: doc.seq,
  });
  await scrubDeliveries(tenant._id, String(doc.conversationId), doc.seq, state);
  return erased;
}

/**
 * Applies an update to an active message as a logged, broadcast change with its own seq. The
 * update only matches while the message is active, so of two racing removals one wins and the
 * other is told the message is gone.
 */
async function changeMessage(
  app: AppContext,
  tenantId: string,
  doc: MessageDoc,
  actorId: string,
  type: 'message.edited' | 'message.deleted' | 'message.recalled',
  update: Record<string, unknown>,
): Promise<MessageDoc> {
  const where = { _id: doc._id, tenantId, state: 'active' };
  let changed: MessageDoc | null = null;
  await appendEvent(
    app,
    { tenantId, conversationId: doc.conversationId, type, actorId, targetSeq: doc.seq },
    async () => {
      changed = changed ?? (await Message.findOneAndUpdate(where, update, { new: true }).lean());
      if (!changed) throw new AppError('message_removed', 'This message was deleted or recalled');
    },
    async (event) => {
      const current = changed!;
      await refreshPreview(current);
      const message = await viewMessage(tenantId, current);
      const conversationId = String(doc.conversationId);
      publishChange(app, tenantId, { type, conversationId, seq: event.seq, message });
      const ref = { conversationId, seq: doc.seq };
      const key = `${conversationId}:${event.seq}`;
      void emitWebhookEvent(app, tenantId, type, key, { message, actorId }, ref);
    },
  );
  return changed!;
}

/** Deletes for me: hidden on all my devices, in history, sync and my unread count. */
export async function hideMessage(
  ctx: UserContext,
  input: ParsedRequest<'message.hide'>,
): Promise<RequestResults['message.hide']> {
  const access = await requireReader(ctx, input.conversationId);
  const outside =
    input.seq < access.minSeq || (access.maxSeq !== null && input.seq > access.maxSeq);
  if (outside) throw notFound('Message');
  const mark = {
    tenantId: ctx.tenant._id,
    conversationId: access.conversation._id,
    userId: ctx.userId,
    seq: input.seq,
  };
  const exists = await Message.exists({
    tenantId: mark.tenantId,
    conversationId: mark.conversationId,
    seq: mark.seq,
  });
  if (!exists) throw notFound('Message');
  try {
    await Hidden.create(mark);
  } catch (error) {
    // Hidden already: hiding again changes nothing.
    if (isDuplicateKeyError(error)) return { hidden: true };
    throw error;
  }
  await appendUserChange(ctx.app, ctx.tenant._id, ctx.userId, {
    type: 'message.hidden',
    conversationId: input.conversationId,
    seq: input.seq,
  });
  return { hidden: true };
}

/** Regular expression special characters, escaped so a query matches as plain text. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Text messages whose text contains the query, case-insensitive, newest page first (each
 * page in ascending seq order, like history), for those who may read the conversation.
 */
export async function searchMessages(
  ctx: UserContext,
  input: ParsedRequest<'message.search'>,
): Promise<MessagePage> {
  const access = await requireReader(ctx, input.conversationId);
  const seq: Record<string, number> = {
    $gte: access.minSeq,
    $lt: input.beforeSeq ?? Number.MAX_SAFE_INTEGER,
  };
  if (access.maxSeq !== null) seq.$lte = access.maxSeq;
  const hidden = await hiddenSeqs(ctx.tenant._id, access.conversation._id, ctx.userId);
  if (hidden.length > 0) seq.$nin = hidden as never;
  const docs = await Message.find({
    tenantId: ctx.tenant._id,
    conversationId: access.conversation._id,
    seq,
    type: 'text',
    state: 'active',
    text: { $regex: escapeRegex(input.query), $options: 'i' },
  })
    .sort({ seq: -1 })
    .limit(input.limit + 1)
    .lean();
  const hasMore = docs.length > input.limit;
  const page = docs.slice(0, input.limit).reverse() as MessageDoc[];
  return { messages: await viewMessages(ctx.tenant._id, page, ctx.userId), hasMore };
}
