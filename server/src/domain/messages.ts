import { codePointLength } from '@confab/sdk/protocol';
import type { MessagePage, ParsedRequest, RequestResults } from '@confab/sdk/protocol';
import { Types } from 'mongoose';

import type { UserContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { publishToConversation } from '../realtime/publish.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Conversation, Message } from '../store/models/index.js';
import type { MessageDoc } from '../store/models/index.js';
import { requireMember } from './membership.js';
import { messageView } from './views.js';

/** How many times a send retries when two sends were handed the same seq. */
const SEQ_ATTEMPTS = 20;

/** Characters of a message kept in the conversation's last-message preview. */
const PREVIEW_LENGTH = 200;

/**
 * Stores a message and answers only once it is stored. A client id already used by this
 * sender in this conversation returns the original message (`duplicate: true`) and stores
 * nothing. Order of steps: allocate seq, insert, then update the conversation's preview; a
 * crash after the insert leaves a preview that the retried send (same client id) repairs.
 */
export async function sendMessage(
  ctx: UserContext,
  input: ParsedRequest<'message.send'>,
): Promise<RequestResults['message.send']> {
  const tenantId = ctx.tenant._id;
  const conversationId = new Types.ObjectId(input.conversationId);
  await requireMember(ctx, conversationId);

  const limit = ctx.tenant.settings.maxMessageLength;
  if (codePointLength(input.text) > limit) {
    throw new AppError('invalid_input', `Message text is longer than ${limit} characters`, {
      details: [{ path: ['text'], code: 'too_big', message: `at most ${limit} characters` }],
    });
  }

  const key = { tenantId, conversationId, senderId: ctx.userId, clientId: input.clientId };
  return ctx.app.sendQueue.run(input.conversationId, () => storeAndPublish(ctx, key, input));
}

type MessageKey = Pick<MessageDoc, 'tenantId' | 'conversationId' | 'senderId' | 'clientId'>;

/**
 * Takes a seq and inserts. The unique index on (conversation, seq) is the final judge: when
 * another node, or a store whose increments are not atomic, hands out a seq twice, the loser
 * takes a new one after a short random pause.
 */
async function storeAndPublish(
  ctx: UserContext,
  key: MessageKey,
  input: ParsedRequest<'message.send'>,
): Promise<RequestResults['message.send']> {
  // Checked inside the queue, so a burst of retries of one send takes no seq at all.
  const earlier = await Message.findOne(key).lean();
  if (earlier) return repairedDuplicate(earlier);

  for (let attempt = 1; attempt <= SEQ_ATTEMPTS; attempt += 1) {
    const seq = await nextSeq(key.tenantId, key.conversationId);
    try {
      const made = await Message.create({ ...key, seq, type: 'text', text: input.text });
      const doc = made.toObject() as MessageDoc;
      await updatePreview(doc);
      const message = messageView(doc);
      publishToConversation(ctx.app.io, key.tenantId, input.conversationId, 'message.new', {
        conversationId: input.conversationId,
        seq,
        message,
      });
      return { message, duplicate: false };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Either the same client id raced in from another node, or the seq was taken.
      const raced = await Message.findOne(key).lean();
      if (raced) return repairedDuplicate(raced);
      ctx.log.debug({ conversationId: input.conversationId, seq, attempt }, 'seq taken, retrying');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
  throw new AppError('unavailable', 'The conversation is too busy; send again');
}

async function repairedDuplicate(doc: MessageDoc): Promise<RequestResults['message.send']> {
  await updatePreview(doc);
  return { message: messageView(doc), duplicate: true };
}

/** Takes the next seq from the conversation's atomic counter. */
async function nextSeq(tenantId: string, conversationId: Types.ObjectId): Promise<number> {
  const doc = await Conversation.findOneAndUpdate(
    { _id: conversationId, tenantId },
    { $inc: { lastSeq: 1 } },
    // No projection: the development store does not support one on findAndModify.
    { new: true },
  ).lean();
  if (!doc) throw notFound('Conversation');
  return doc.lastSeq;
}

/** Moves the conversation's preview forward to this message; never backward. */
async function updatePreview(doc: MessageDoc): Promise<void> {
  const preview = {
    id: String(doc._id),
    seq: doc.seq,
    senderId: doc.senderId,
    clientId: doc.clientId,
    type: doc.type,
    text: [...(doc.text ?? '')].slice(0, PREVIEW_LENGTH).join(''),
    createdAt: doc.createdAt,
  };
  await Conversation.updateOne(
    { _id: doc.conversationId, tenantId: doc.tenantId, lastMessageSeq: { $lt: doc.seq } },
    { $set: { lastMessage: preview, lastMessageSeq: doc.seq, lastActivityAt: doc.createdAt } },
  );
}

/**
 * One page of history in ascending seq order. Without a bound it is the newest page;
 * `beforeSeq` pages back, `afterSeq` pages forward (used to catch up after a gap).
 */
export async function listMessages(
  ctx: UserContext,
  input: ParsedRequest<'message.list'>,
): Promise<MessagePage> {
  const conversationId = new Types.ObjectId(input.conversationId);
  await requireMember(ctx, conversationId);

  const filter = { tenantId: ctx.tenant._id, conversationId };
  const forward = input.afterSeq !== undefined;
  const seq = forward
    ? { $gt: input.afterSeq }
    : { $lt: input.beforeSeq ?? Number.MAX_SAFE_INTEGER };
  const docs = await Message.find({ ...filter, seq })
    .sort({ seq: forward ? 1 : -1 })
    .limit(input.limit + 1)
    .lean();

  const hasMore = docs.length > input.limit;
  const page = docs.slice(0, input.limit);
  if (!forward) page.reverse();
  return { messages: page.map((doc) => messageView(doc as MessageDoc)), hasMore };
}
