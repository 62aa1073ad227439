import type { ConversationChange } from '@confab/sdk/protocol';
import type { Types } from 'mongoose';

import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { publishToConversation } from '../realtime/publish.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Conversation, Event, Message } from '../store/models/index.js';
import type { EventDoc, MessageDoc } from '../store/models/index.js';
import { viewMessage } from './message-views.js';

/**
 * The conversation log. Every shared change takes the conversation's next seq here, inside
 * the conversation's queue on this node, so one node never hands out a seq twice and
 * broadcasts in seq order. Across nodes, MongoDB's atomic $inc keeps seqs unique; the unique
 * indexes on (conversation, seq) are the last guard, and a loser takes a new seq.
 */

/** How many times a change retries when its seq was taken by another node. */
const SEQ_ATTEMPTS = 20;

/** Characters of a message kept in the conversation's last-message preview. */
const PREVIEW_LENGTH = 200;

export type Retry<T> = { retry: true } | { done: T };

/** Runs `task` in the conversation's queue, retrying with a fresh seq when its seq was taken. */
export function withNextSeq<T>(
  app: AppContext,
  tenantId: string,
  conversationId: Types.ObjectId,
  task: (seq: number) => Promise<Retry<T>>,
): Promise<T> {
  return app.conversationQueue.run(String(conversationId), async () => {
    for (let attempt = 1; attempt <= SEQ_ATTEMPTS; attempt += 1) {
      const seq = await nextSeq(tenantId, conversationId);
      const outcome = await task(seq);
      if ('done' in outcome) return outcome.done;
      app.log.debug({ conversationId: String(conversationId), seq, attempt }, 'seq taken');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
    throw new AppError('unavailable', 'The conversation is too busy; try again');
  });
}

/** Runs work in the conversation's queue without taking a seq (to order it among changes). */
export function inConversationQueue<T>(
  app: AppContext,
  conversationId: Types.ObjectId | string,
  task: () => Promise<T>,
): Promise<T> {
  return app.conversationQueue.run(String(conversationId), task);
}

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

export interface NewMessage {
  tenantId: string;
  conversationId: Types.ObjectId;
  senderId: string;
  /** Idempotency key; system messages pass `system:<something unique>`. */
  clientId: string;
  type: 'text' | 'system';
  text: string;
  replyToSeq?: number | null;
  mentions?: string[];
  system?: MessageDoc['system'];
}

export interface StoredMessage {
  doc: MessageDoc;
  duplicate: boolean;
}

/**
 * Stores a message under the next seq and pushes it (`message.new`) to every member, from
 * inside the conversation's queue, so messages leave this node in seq order. When the sender
 * already used this client id in this conversation, answers the stored message with
 * `duplicate: true`, and stores and pushes nothing. `beforePublish` makes the state the
 * message announces true before anyone hears of it (a departure's membership, say).
 *
 * Order: seq, insert, then preview; a crash after the insert leaves an old preview that the
 * retried send (same client id) repairs.
 */
export async function appendMessage(
  app: AppContext,
  input: NewMessage,
  beforePublish: (doc: MessageDoc) => Promise<void> = async () => undefined,
): Promise<StoredMessage> {
  const key = {
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    senderId: input.senderId,
    clientId: input.clientId,
  };
  return withNextSeq<StoredMessage>(app, input.tenantId, input.conversationId, async (seq) => {
    // Checked inside the queue, so a burst of retries of one send takes no seq at all.
    const earlier = await Message.findOne(key).lean();
    if (earlier) {
      await updatePreview(earlier);
      return { done: { doc: earlier, duplicate: true } };
    }
    let doc: MessageDoc;
    try {
      const made = await Message.create({
        ...key,
        seq,
        type: input.type,
        text: input.text,
        replyToSeq: input.replyToSeq ?? null,
        mentions: input.mentions ?? [],
        system: input.system ?? null,
      });
      doc = made.toObject() as MessageDoc;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const raced = await Message.findOne(key).lean();
      if (raced) return { done: { doc: raced, duplicate: true } };
      return { retry: true };
    }
    await updatePreview(doc);
    await beforePublish(doc);
    publishChange(app, input.tenantId, {
      type: 'message.new',
      conversationId: String(input.conversationId),
      seq: doc.seq,
      message: await viewMessage(input.tenantId, doc),
    });
    return { done: { doc, duplicate: false } };
  });
}

/** Moves the conversation's preview forward to this message; never backward. */
export async function updatePreview(doc: MessageDoc): Promise<void> {
  await Conversation.updateOne(
    { _id: doc.conversationId, tenantId: doc.tenantId, lastMessageSeq: { $lt: doc.seq } },
    {
      $set: {
        lastMessage: previewOf(doc),
        lastMessageSeq: doc.seq,
        lastActivityAt: doc.createdAt,
      },
    },
  );
}

/** Rewrites the preview if it shows this message (after an edit, delete or recall). */
export async function refreshPreview(doc: MessageDoc): Promise<void> {
  await Conversation.updateOne(
    { _id: doc.conversationId, tenantId: doc.tenantId, lastMessageSeq: doc.seq },
    { $set: { lastMessage: previewOf(doc) } },
  );
}

function previewOf(doc: MessageDoc) {
  return {
    id: String(doc._id),
    seq: doc.seq,
    senderId: doc.senderId,
    clientId: doc.clientId,
    type: doc.type,
    text: [...(doc.text ?? '')].slice(0, PREVIEW_LENGTH).join(''),
    state: doc.state ?? 'active',
    createdAt: doc.createdAt,
  };
}

export interface NewEvent {
  tenantId: string;
  conversationId: Types.ObjectId;
  type: Exclude<ConversationChange['type'], 'message.new'>;
  actorId: string;
  targetSeq?: number | null;
  data?: Record<string, unknown>;
}

/**
 * Records a shared change that is not a new message, under the next seq. `apply` makes the
 * change itself (given the seq) before the event is stored; it runs again on a retry, so it
 * must be idempotent. `onStored` runs in the queue after the event is stored, like
 * appendMessage's.
 */
export async function appendEvent(
  app: AppContext,
  input: NewEvent,
  apply: (seq: number) => Promise<void> = async () => undefined,
  onStored: (event: EventDoc) => Promise<void> = async () => undefined,
): Promise<EventDoc> {
  return withNextSeq<EventDoc>(app, input.tenantId, input.conversationId, async (seq) => {
    await apply(seq);
    let event: EventDoc;
    try {
      const made = await Event.create({
        tenantId: input.tenantId,
        conversationId: input.conversationId,
        seq,
        type: input.type,
        actorId: input.actorId,
        targetSeq: input.targetSeq ?? null,
        data: input.data ?? {},
      });
      event = made.toObject() as EventDoc;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return { retry: true };
    }
    await onStored(event);
    return { done: event };
  });
}

/** Pushes a shared change to every member's live sockets, on any node. */
export function publishChange(app: AppContext, tenantId: string, change: ConversationChange): void {
  publishToConversation(app.io, tenantId, change.conversationId, change.type, change as never);
}
