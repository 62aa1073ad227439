import type { OutboxEntry } from '../outbox/outbox-entry.js';
import type { Contact, Conversation, Member, Message, Presence } from '../protocol/models.js';
import { topics } from '../state/chat-state.js';
import type { ConnectionState } from '../transport/connection-state.js';
import type { Readable } from '../util/readable.js';
import type { Runtime } from './runtime.js';

/** One conversation's messages as a UI shows them. */
export interface MessageListView {
  conversationId: string;
  /** Stored messages in seq order (chronological), hidden ones left out. */
  messages: readonly Message[];
  /** This user's messages not stored yet, in the order written, to show after `messages`. */
  pending: readonly OutboxEntry[];
  /** Whether older messages can be paged in with `client.messages.loadOlder`. */
  hasOlder: boolean;
  loadingOlder: boolean;
}

export interface UnreadView {
  /** Over every conversation that is not muted. */
  total: number;
  byConversation: Readonly<Record<string, number>>;
}

export interface MemberListView {
  members: readonly Member[];
  loaded: boolean;
}

/**
 * Where each member's read position falls in the held messages: message seq to the user ids
 * whose avatars go after it (each member once, after the last message they read). The viewer
 * and members whose position lies below the held messages are left out.
 */
export type ReadMarkers = Readonly<Record<number, readonly string[]>>;

/**
 * The local state as values a UI subscribes to. Each view is made once per key, so the same
 * call returns the same object, and its value stays the same object until it changes.
 *
 * @example
 * const stop = client.state.conversations().subscribe((list) => renderList(list));
 * // React: useSyncExternalStore(view.subscribe, view.get)
 */
export class Views {
  private readonly made = new Map<string, Readable<unknown>>();

  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * The user's conversations, most recently active first, each with its last message and
   * `me.unreadCount`.
   */
  conversations(): Readable<readonly Conversation[]> {
    return this.once('conversations', [topics.conversations], () =>
      this.runtime.state.list().map((record) => record.conversation),
    );
  }

  /** Unread counts per conversation and in total. */
  unread(): Readable<UnreadView> {
    return this.once('unread', [topics.conversations], () => {
      const byConversation: Record<string, number> = {};
      for (const record of this.runtime.state.records.values()) {
        byConversation[record.conversation.id] = record.unread.count;
      }
      return { total: this.runtime.state.totalUnread(), byConversation };
    });
  }

  /**
   * One conversation's messages, then its pending sends. The first subscriber loads the newest
   * page when nothing is held yet.
   */
  messages(conversationId: string): Readable<MessageListView> {
    const load = () => this.runtime.open(conversationId);
    return this.once(
      `messages:${conversationId}`,
      [topics.messages(conversationId), topics.outbox],
      () => {
        const window = this.runtime.state.record(conversationId)?.window;
        return {
          conversationId,
          messages: window?.list() ?? [],
          pending: this.runtime.outbox.list.filter((e) => e.conversationId === conversationId),
          hasOlder: window?.hasOlder ?? false,
          loadingOlder: window?.loadingOlder ?? false,
        };
      },
      load,
    );
  }

  /** One conversation's members with their read positions; loaded by the first subscriber. */
  members(conversationId: string): Readable<MemberListView> {
    return this.once(
      `members:${conversationId}`,
      [topics.members(conversationId)],
      () => {
        const roster = this.runtime.state.record(conversationId)?.roster;
        return { members: roster?.list() ?? [], loaded: roster?.loaded ?? false };
      },
      () => void this.runtime.loadMembers(conversationId).catch(() => undefined),
    );
  }

  /** Where to show each member's avatar: after the last message they read. */
  readMarkers(conversationId: string): Readable<ReadMarkers> {
    return this.once(
      `readMarkers:${conversationId}`,
      [topics.members(conversationId), topics.messages(conversationId)],
      () => {
        const record = this.runtime.state.record(conversationId);
        if (!record) return {};
        const messages = record.window.list();
        const markers: Record<number, string[]> = {};
        for (const member of record.roster.list()) {
          if (member.userId === this.runtime.state.userId) continue;
          const seq = lastAtOrBelow(messages, member.readSeq);
          if (seq !== null) (markers[seq] ??= []).push(member.userId);
        }
        return markers;
      },
      () => void this.runtime.loadMembers(conversationId).catch(() => undefined),
    );
  }

  /** Contacts (accepted, and requests either way) with their presence. */
  contacts(): Readable<readonly Contact[]> {
    return this.once('contacts', [topics.contacts], () => this.runtime.state.people.contactList());
  }

  /**
   * Presence by user id: contacts always, and the users named here once subscribed (group
   * members who are not contacts, say).
   */
  presence(userIds: string[] = []): Readable<ReadonlyMap<string, Presence>> {
    const key = `presence:${[...userIds].sort().join(',')}`;
    return this.once(
      key,
      [topics.presence],
      () => this.runtime.state.people.presenceMap(),
      () => void this.runtime.watchPresence(userIds).catch(() => undefined),
    );
  }

  /** Who is typing in a conversation now, by user id. */
  typing(conversationId: string): Readable<readonly string[]> {
    return this.once(`typing:${conversationId}`, [topics.typing(conversationId)], () =>
      this.runtime.state.people.typingIn(conversationId),
    );
  }

  /** The connection: status, whether caught up, and the last error. */
  connection(): Readable<ConnectionState> {
    return this.once('connection', [topics.connection], () => this.runtime.connection.current);
  }

  /** Every message waiting to be stored, in every conversation. */
  outbox(): Readable<readonly OutboxEntry[]> {
    return this.once('outbox', [topics.outbox], () => this.runtime.outbox.list);
  }

  private once<T>(
    key: string,
    watched: string[],
    compute: () => T,
    onWatched?: () => void,
  ): Readable<T> {
    let view = this.made.get(key) as Readable<T> | undefined;
    if (!view) {
      view = this.runtime.notifier.view(watched, compute, onWatched);
      this.made.set(key, view as Readable<unknown>);
    }
    return view;
  }
}

function lastAtOrBelow(messages: readonly Message[], seq: number): number | null {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (messages[mid]!.seq <= seq) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? messages[low - 1]!.seq : null;
}
