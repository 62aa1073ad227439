/**
 * The shapes the server returns. Times are ISO 8601 strings; `seq` numbers order everything
 * inside one conversation and start at 1.
 */

export type ConversationType = 'direct' | 'group';
export type MemberRole = 'owner' | 'admin' | 'member';
export type MessageType = 'text' | 'system';

export interface User {
  id: string;
  name: string;
  avatarUrl: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientId: string;
  type: MessageType;
  text: string;
  createdAt: string;
}

export interface Conversation {
  id: string;
  type: ConversationType;
  title: string | null;
  avatarUrl: string | null;
  /** For a direct conversation, its two users; empty for groups. */
  directUserIds: string[];
  memberCount: number;
  lastSeq: number;
  lastMessage: Message | null;
  createdAt: string;
  lastActivityAt: string;
}

/** One page of history, always in ascending `seq` order. */
export interface MessagePage {
  messages: Message[];
  /** Whether more messages lie beyond this page in the direction asked for. */
  hasMore: boolean;
}

export interface ConversationPage {
  conversations: Conversation[];
  /** Pass as `before` to get the next (older by activity) page; null at the end. */
  next: string | null;
}
