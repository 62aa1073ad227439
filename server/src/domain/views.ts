import type { Conversation, Message, ReplyRef, SystemEvent, User } from '@confab/sdk/protocol';

import type {
  ConversationDoc,
  MemberDoc,
  MessageDoc,
  TenantSettings,
  UserDoc,
} from '../store/models/index.js';

/** Store documents as the protocol shapes clients see. */

export interface MessageExtras {
  replyTo?: ReplyRef | null;
  myReactions?: string[];
}

export function messageView(doc: MessageDoc, extras: MessageExtras = {}): Message {
  const removed = doc.state === 'deleted' || doc.state === 'recalled';
  return {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    seq: doc.seq,
    senderId: doc.senderId,
    clientId: doc.clientId,
    type: doc.type as Message['type'],
    text: removed ? '' : (doc.text ?? ''),
    state: (doc.state ?? 'active') as Message['state'],
    createdAt: doc.createdAt.toISOString(),
    editedAt: doc.editedAt ? new Date(doc.editedAt).toISOString() : null,
    replyTo: extras.replyTo ?? null,
    mentions: removed ? [] : [...(doc.mentions ?? [])],
    reactions: removed
      ? []
      : (doc.reactions ?? []).map((r) => ({
          reaction: r.reaction,
          count: r.count,
          sample: [...r.sample],
        })),
    myReactions: removed ? [] : (extras.myReactions ?? []),
    system: doc.system ? systemView(doc.system) : null,
  };
}

function systemView(system: NonNullable<MessageDoc['system']>): SystemEvent {
  const view: SystemEvent = {
    action: system.action as SystemEvent['action'],
    actorId: system.actorId,
    userIds: [...system.userIds],
    userCount: system.userCount,
  };
  if (system.title) view.title = system.title;
  if (system.role) view.role = system.role as SystemEvent['role'];
  return view;
}

/** A reply's reference, as its target is now: erased targets show no text. */
export function replyRefView(doc: MessageDoc): ReplyRef {
  const state = (doc.state ?? 'active') as ReplyRef['state'];
  return {
    seq: doc.seq,
    senderId: doc.senderId,
    text: state === 'active' ? [...(doc.text ?? '')].slice(0, 200).join('') : '',
    state,
  };
}

export interface ConversationViewOptions {
  /** The tenant's rules that clients follow: when a group is large, the edit and recall windows. */
  settings: Pick<
    TenantSettings,
    'largeGroupThreshold' | 'editWindowSeconds' | 'recallWindowSeconds'
  >;
  member?: MemberDoc | null;
  unreadCount?: number;
}

export function conversationView(
  doc: ConversationDoc,
  options: ConversationViewOptions,
): Conversation {
  const last = doc.lastMessage;
  const lastState = (last?.state ?? 'active') as Message['state'];
  const member = options.member;
  return {
    id: String(doc._id),
    type: doc.type as Conversation['type'],
    title: doc.title ?? null,
    avatarUrl: doc.avatarUrl ?? null,
    directUserIds: [...(doc.directUserIds ?? [])],
    memberCount: doc.memberCount,
    large: doc.type === 'group' && doc.memberCount >= options.settings.largeGroupThreshold,
    historyVisibility: (doc.historyVisibility ?? 'full') as Conversation['historyVisibility'],
    readOnly: Boolean(doc.readOnly),
    disappearAfterSeconds: doc.disappearAfterSeconds ?? null,
    editWindowSeconds: options.settings.editWindowSeconds,
    recallWindowSeconds: options.settings.recallWindowSeconds,
    lastSeq: doc.lastSeq,
    lastMessage: last
      ? {
          id: last.id,
          conversationId: String(doc._id),
          seq: last.seq,
          senderId: last.senderId,
          clientId: last.clientId,
          type: last.type as Message['type'],
          text: lastState === 'active' ? (last.text ?? '') : '',
          state: lastState,
          createdAt: new Date(last.createdAt).toISOString(),
          editedAt: null,
          replyTo: null,
          mentions: [],
          reactions: [],
          myReactions: [],
          system: null,
        }
      : null,
    createdAt: doc.createdAt.toISOString(),
    lastActivityAt: new Date(doc.lastActivityAt).toISOString(),
    me: member
      ? {
          role: member.role as NonNullable<Conversation['me']>['role'],
          readSeq: member.readSeq,
          unreadCount: options.unreadCount ?? 0,
          muted: Boolean(member.muted),
        }
      : null,
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
