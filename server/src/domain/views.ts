import type { Conversation, Message, User } from '@confab/sdk/protocol';

import type { ConversationDoc, MessageDoc, UserDoc } from '../store/models/index.js';

/** Store documents as the protocol shapes clients see. */

export function messageView(doc: MessageDoc): Message {
  return {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    seq: doc.seq,
    senderId: doc.senderId,
    clientId: doc.clientId,
    type: doc.type as Message['type'],
    text: doc.text ?? '',
    createdAt: doc.createdAt.toISOString(),
  };
}

export function conversationView(doc: ConversationDoc): Conversation {
  const last = doc.lastMessage;
  return {
    id: String(doc._id),
    type: doc.type as Conversation['type'],
    title: doc.title ?? null,
    avatarUrl: doc.avatarUrl ?? null,
    directUserIds: [...(doc.directUserIds ?? [])],
    memberCount: doc.memberCount,
    lastSeq: doc.lastSeq,
    lastMessage: last
      ? {
          id: last.id,
          conversationId: String(doc._id),
          seq: last.seq,
          senderId: last.senderId,
          clientId: last.clientId,
          type: last.type as Message['type'],
          text: last.text ?? '',
          createdAt: new Date(last.createdAt).toISOString(),
        }
      : null,
    createdAt: doc.createdAt.toISOString(),
    lastActivityAt: new Date(doc.lastActivityAt).toISOString(),
  };
}

export function userView(doc: UserDoc): User {
  return {
    id: doc.userId,
    name: doc.name,
    avatarUrl: doc.avatarUrl ?? null,
    custom: (doc.custom as Record<string, unknown> | undefined) ?? {},
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
