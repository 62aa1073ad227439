import type {
  Contact,
  Conversation,
  HistoryVisibility,
  Message,
  ReactionKind,
  ReactionSummary,
} from './models.js';

/**
 * A shared change in one conversation. Each takes the conversation's next `seq`; clients that
 * see a gap, or reconnect, ask `sync.conversation` for every change after their last seq and
 * get the same objects, in seq order. Message payloads show the message as it is now.
 */
export type ConversationChange =
  | { type: 'message.new'; conversationId: string; seq: number; message: Message }
  | { type: 'message.edited'; conversationId: string; seq: number; message: Message }
  | { type: 'message.deleted'; conversationId: string; seq: number; message: Message }
  | { type: 'message.recalled'; conversationId: string; seq: number; message: Message }
  | {
      type: 'reaction.changed';
      conversationId: string;
      seq: number;
      targetSeq: number;
      userId: string;
      reaction: ReactionKind;
      added: boolean;
      /** The target message's reactions after this change. */
      reactions: ReactionSummary[];
    }
  | {
      type: 'conversation.updated';
      conversationId: string;
      seq: number;
      title: string | null;
      avatarUrl: string | null;
      historyVisibility: HistoryVisibility;
      readOnly: boolean;
      disappearAfterSeconds: number | null;
    };

/**
 * A private change of one user, on all their devices. Each takes the user's next `userSeq`;
 * `sync.user` returns every one after a given userSeq.
 */
export type UserChange =
  | {
      type: 'read.updated';
      userSeq: number;
      conversationId: string;
      readSeq: number;
      /** Filled in live events; sync readers ask `unread.get` instead. */
      unreadCount?: number;
      totalUnread?: number;
    }
  | { type: 'message.hidden'; userSeq: number; conversationId: string; seq: number }
  | {
      type: 'conversation.joined';
      userSeq: number;
      conversationId: string;
      conversation?: Conversation;
    }
  | {
      type: 'conversation.left';
      userSeq: number;
      conversationId: string;
      reason: 'left' | 'removed';
    }
  | { type: 'conversation.muted'; userSeq: number; conversationId: string; muted: boolean }
  | { type: 'contact.updated'; userSeq: number; userId: string; contact?: Contact };

export type ConversationChangeType = ConversationChange['type'];
export type UserChangeType = UserChange['type'];
