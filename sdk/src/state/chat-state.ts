import type { ConversationChange } from '../protocol/changes.js';
import type { Conversation, Member, Message } from '../protocol/models.js';
import type { Notifier } from '../util/readable.js';
import { byActivity, newRecord } from './conversation-record.js';
import type { ConversationRecord } from './conversation-record.js';
import type { WindowSnapshot } from './message-window.js';
import { People } from './people.js';

/** What the state asks of the client when it cannot settle something locally. */
export interface StateEffects {
  /** The conversation's unread count can no longer be worked out locally. */
  refreshUnread(conversationId: string): void;
  /** A system message changed membership or the title: members and counts are stale. */
  membershipChanged(conversationId: string): void;
  /** A message of this user's was stored. */
  stored(message: Message): void;
  /** Something of this conversation changed (the cache writes it). */
  touched(conversationId: string): void;
}

export const topics = {
  conversations: 'conversations',
  contacts: 'contacts',
  presence: 'presence',
  outbox: 'outbox',
  connection: 'connection',
  messages: (id: string) => `messages:${id}`,
  members: (id: string) => `members:${id}`,
  typing: (id: string) => `typing:${id}`,
};

/**
 * The local picture of the user's chats: conversations with their message windows, unread
 * counts and members, plus contacts, presence and typing. It only applies what it is given,
 * in the order given; the sync engine guarantees that order and that nothing repeats. Every
 * change names the topics it touched, so views recompute only what changed.
 */
export class ChatState {
  readonly records = new Map<string, ConversationRecord>();
  readonly people = new People();
  private sorted: readonly ConversationRecord[] | null = null;

  private me = '';

  constructor(
    private readonly notifier: Notifier,
    private readonly effects: StateEffects,
  ) {}

  /** The user, once known from the first token ('' before). */
  get userId(): string {
    return this.me;
  }

  setUser(userId: string): void {
    this.me = userId;
  }

  record(id: string): ConversationRecord | undefined {
    return this.records.get(id);
  }

  /** Records newest activity first. */
  list(): readonly ConversationRecord[] {
    this.sorted ??= [...this.records.values()].sort(byActivity);
    return this.sorted;
  }

  /** Unread messages over all conversations that are not muted, as badges count them. */
  totalUnread(): number {
    let total = 0;
    for (const record of this.records.values()) {
      if (!record.conversation.me?.muted) total += record.unread.count;
    }
    return total;
  }

  /**
   * Adds a conversation, or brings a known one up to a fresher server view. Nothing in the
   * view moves a known conversation back: seqs, activity and read positions only go forward.
   */
  putConversation(view: Conversation, history?: WindowSnapshot): ConversationRecord {
    const known = this.records.get(view.id);
    if (!known) {
      const record = newRecord(view, history);
      this.records.set(view.id, record);
      this.touched(view.id);
      this.changedMessages(view.id);
      return record;
    }
    const current = known.conversation;
    const newer = view.lastMessage && view.lastMessage.seq > (current.lastMessage?.seq ?? 0);
    const me = view.me && {
      ...view.me,
      readSeq: Math.max(view.me.readSeq, current.me?.readSeq ?? 0),
    };
    if (me) {
      known.unread.setBase(view.me!.unreadCount, view.lastSeq);
      known.unread.readUpTo(me.readSeq);
    }
    known.conversation = {
      ...view,
      lastSeq: Math.max(view.lastSeq, current.lastSeq),
      lastMessage: newer ? view.lastMessage : current.lastMessage,
      lastActivityAt: later(view.lastActivityAt, current.lastActivityAt),
      me: me ? { ...me, unreadCount: known.unread.count } : null,
    };
    this.touched(view.id);
    return known;
  }

  dropConversation(id: string): boolean {
    if (!this.records.delete(id)) return false;
    this.touched(id);
    return true;
  }

  /** One shared change, once, in seq order. `forViewer`: its messages carry my reactions. */
  applyChange(change: ConversationChange, forViewer: boolean): void {
    const record = this.records.get(change.conversationId);
    if (!record) return;
    const id = change.conversationId;
    const conversation = record.conversation;
    const patch: Partial<Conversation> = { lastSeq: Math.max(conversation.lastSeq, change.seq) };
    const readSeq = conversation.me?.readSeq ?? 0;

    switch (change.type) {
      case 'message.new': {
        const message = change.message;
        if (record.window.upsert(message, change.seq, forViewer)) this.changedMessages(id);
        if (message.seq >= (conversation.lastMessage?.seq ?? 0)) {
          patch.lastMessage = message;
          patch.lastActivityAt = later(message.createdAt, conversation.lastActivityAt);
        }
        if (message.senderId === this.me) {
          this.effects.stored(message);
        } else if (message.type === 'text' && message.state === 'active' && message.seq > readSeq) {
          record.unread.add(message.seq);
        }
        if (message.type === 'system') this.effects.membershipChanged(id);
        if (this.people.typingStopped(id, message.senderId))
          this.notifier.changed(topics.typing(id));
        break;
      }
      case 'message.edited':
      case 'message.deleted':
      case 'message.recalled': {
        const message = change.message;
        if (record.window.upsert(message, change.seq, forViewer)) this.changedMessages(id);
        if (conversation.lastMessage?.seq === message.seq) patch.lastMessage = message;
        const gone = change.type !== 'message.edited' && message.senderId !== this.me;
        if (gone && !record.unread.remove(message.seq, readSeq)) this.effects.refreshUnread(id);
        break;
      }
      case 'reaction.changed': {
        const mine = change.userId === this.me ? change : undefined;
        if (record.window.react(change.targetSeq, change.reactions, change.seq, mine)) {
          this.changedMessages(id);
        }
        break;
      }
      case 'conversation.updated':
        patch.title = change.title;
        patch.avatarUrl = change.avatarUrl;
        patch.historyVisibility = change.historyVisibility;
        break;
    }
    this.patch(record, patch);
  }

  /**
   * My read position moved to `readSeq`, on this device or another. With the server's count
   * (`unreadCount`, valid as of `asOfSeq`) the badge is exact; without it, it is worked out
   * locally when it can be and asked for when it cannot.
   */
  applyRead(id: string, readSeq: number, unreadCount?: number, asOfSeq = 0): void {
    const record = this.records.get(id);
    const me = record?.conversation.me;
    if (!record || !me) return;
    const position = Math.max(me.readSeq, readSeq);
    if (unreadCount !== undefined) record.unread.setBase(unreadCount, Math.max(asOfSeq, position));
    const known = record.unread.readUpTo(position);
    if (!known && unreadCount === undefined) this.effects.refreshUnread(id);
    if (record.roster.read(this.me, position)) this.notifier.changed(topics.members(id));
    this.patch(record, { me: { ...me, readSeq: position } });
  }

  /** The server's unread count for a conversation, valid as of `asOfSeq`. */
  applyUnread(id: string, unreadCount: number, asOfSeq: number): void {
    const record = this.records.get(id);
    if (!record) return;
    record.unread.setBase(unreadCount, asOfSeq);
    this.patch(record, {});
  }

  applyMuted(id: string, muted: boolean): void {
    const record = this.records.get(id);
    const me = record?.conversation.me;
    if (record && me) this.patch(record, { me: { ...me, muted } });
  }

  /** Delete for me: the message leaves every view of this user. */
  hide(id: string, seq: number): void {
    const record = this.records.get(id);
    if (!record) return;
    const before = record.window.get(seq);
    if (record.window.remove(seq)) this.changedMessages(id);
    const readSeq = record.conversation.me?.readSeq ?? 0;
    const counted = before ? before.senderId !== this.me && before.state === 'active' : true;
    if (counted && !record.unread.remove(seq, readSeq)) this.effects.refreshUnread(id);
    this.patch(record, {});
  }

  /** Older history paged in below the window. */
  addHistory(id: string, messages: Message[], hasMore: boolean, asOfSeq: number): void {
    const record = this.records.get(id);
    if (!record) return;
    record.window.prepend(messages, hasMore, asOfSeq);
    this.changedMessages(id);
  }

  setMembers(id: string, members: Member[]): void {
    const record = this.records.get(id);
    if (!record) return;
    record.roster.reset(members);
    this.notifier.changed(topics.members(id));
  }

  memberRead(id: string, userId: string, readSeq: number): void {
    const record = this.records.get(id);
    if (record?.roster.read(userId, readSeq)) this.notifier.changed(topics.members(id));
  }

  /** Notifies the views of a conversation's message window. */
  changedMessages(id: string): void {
    this.effects.touched(id);
    this.notifier.changed(topics.messages(id));
  }

  /** Applies a change to the summary and the badge, and tells the list. */
  private patch(record: ConversationRecord, patch: Partial<Conversation>): void {
    const next = { ...record.conversation, ...patch };
    if (next.me) next.me = { ...next.me, unreadCount: record.unread.count };
    record.conversation = next;
    this.touched(next.id);
  }

  private touched(id: string): void {
    this.effects.touched(id);
    this.sorted = null;
    this.notifier.changed(topics.conversations);
  }
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}
