/**
 * The shapes the server returns. Times are ISO 8601 strings; `seq` numbers order everything
 * inside one conversation and start at 1.
 */

export type ConversationType = 'direct' | 'group';
export type MemberRole = 'owner' | 'admin' | 'member';
export type MessageType = 'text' | 'system';
/** `deleted`: removed for everyone by its sender; `recalled`: taken back within the window. */
export type MessageState = 'active' | 'deleted' | 'recalled';
/** Who sees messages sent before they joined: everyone, or only what came after joining. */
export type HistoryVisibility = 'full' | 'since_join';

export interface User {
  id: string;
  name: string;
  avatarUrl: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** A reaction kind: `like` (the default reaction) or one emoji. */
export type ReactionKind = string;

export interface ReactionSummary {
  reaction: ReactionKind;
  count: number;
  /** Up to five of the users who reacted, newest first, for avatars. */
  sample: string[];
}

/** What a system message records: a membership or conversation change. */
export interface SystemEvent {
  action:
    | 'conversation.created'
    | 'conversation.renamed'
    | 'member.added'
    | 'member.removed'
    | 'member.left'
    | 'member.role_changed'
    | 'owner.changed';
  actorId: string;
  /** The users the change is about; at most 20 listed, `userCount` says how many in all. */
  userIds: string[];
  userCount: number;
  title?: string;
  role?: MemberRole;
}

/** The message a reply points at, as it is now (erased if it was deleted or recalled). */
export interface ReplyRef {
  seq: number;
  senderId: string;
  text: string;
  state: MessageState;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientId: string;
  type: MessageType;
  /** Empty once the message is deleted or recalled: the content is erased from storage. */
  text: string;
  state: MessageState;
  createdAt: string;
  editedAt: string | null;
  replyTo: ReplyRef | null;
  mentions: string[];
  reactions: ReactionSummary[];
  /** The reactions of the user who asked; empty in events pushed to many users. */
  myReactions: ReactionKind[];
  system: SystemEvent | null;
}

export interface Conversation {
  id: string;
  type: ConversationType;
  title: string | null;
  avatarUrl: string | null;
  /** For a direct conversation, its two users; empty for groups. */
  directUserIds: string[];
  memberCount: number;
  /** Groups at or above the tenant's large-group threshold change strategy, not behaviour. */
  large: boolean;
  historyVisibility: HistoryVisibility;
  /** Members read but cannot post; tenant staff can. */
  readOnly: boolean;
  /** Disappearing messages: seconds a message lives; null keeps them (within retention). */
  disappearAfterSeconds: number | null;
  /** How long after sending its sender may edit a message (the tenant's setting). */
  editWindowSeconds: number;
  /** How long after sending its sender may recall a message (the tenant's setting). */
  recallWindowSeconds: number;
  lastSeq: number;
  lastMessage: Message | null;
  createdAt: string;
  lastActivityAt: string;
  /** The asking user's own view: role, read position, unread count, mute. */
  me: {
    role: MemberRole;
    readSeq: number;
    unreadCount: number;
    muted: boolean;
  } | null;
}

export interface Member {
  userId: string;
  role: MemberRole;
  joinedAt: string;
  readSeq: number;
  /** The user's name and avatar, in `member.list` answers (so a UI can show non-contacts). */
  name?: string;
  avatarUrl?: string | null;
}

export type ContactStatus = 'outgoing' | 'incoming' | 'accepted';

export interface Contact {
  userId: string;
  name: string;
  avatarUrl: string | null;
  status: ContactStatus | null;
  /** Whether the asking user blocked this user. */
  blocked: boolean;
  online: boolean;
  lastSeenAt: string | null;
}

export interface Presence {
  userId: string;
  online: boolean;
  lastSeenAt: string | null;
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

/** A page of user ids with a cursor for the next one. */
export interface UserIdPage {
  userIds: string[];
  next: string | null;
}
