import type { ConversationChange, UserChange } from '../protocol/changes.js';
import type { Conversation } from '../protocol/models.js';
import type { RequestInput, RequestName, RequestResults } from '../protocol/requests/index.js';
import type { ChatState } from '../state/chat-state.js';
import type { WindowSnapshot } from '../state/message-window.js';
import { OrderedFeed } from './ordered-feed.js';

type Request = <N extends RequestName>(
  name: N,
  input: RequestInput<N>,
) => Promise<RequestResults[N]>;

export interface SyncEngineOptions {
  request: Request;
  state: ChatState;
  gapGraceMs: number;
  /** Changes per sync request (the server allows up to 500). */
  pageSize: number;
  deliverChange(change: ConversationChange): void;
  deliverUserChange(change: UserChange): void;
  onSyncError(scope: string, error: unknown): void;
}

/** Conversations whose logs are read at once during a catch-up. */
const CATCH_UP_CONCURRENCY = 4;
const LIST_PAGE = 100;

/**
 * Keeps the local state level with the server. One ordered feed per conversation and one for
 * the user's private log take live events and fill gaps from the logs. On every (re)connect
 * `catchUp` reads the user's log, lists the conversations (to learn those joined or left while
 * away and which have news), then reads the log of each one that moved.
 */
export class SyncEngine {
  private readonly feeds = new Map<string, OrderedFeed<ConversationChange>>();
  private readonly userFeed: OrderedFeed<UserChange>;
  /** Changes that came from a log read: their messages carry this user's own reactions. */
  private readonly fromLog = new WeakSet<object>();
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(private readonly options: SyncEngineOptions) {
    this.userFeed = new OrderedFeed<UserChange>({
      seqOf: (change) => change.userSeq,
      fetch: async (afterSeq) => {
        return this.options.request('sync.user', { afterSeq, limit: this.options.pageSize });
      },
      deliver: (change) => this.options.deliverUserChange(change),
      onSyncError: (error) => this.options.onSyncError('user', error),
      gapGraceMs: options.gapGraceMs,
    });
  }

  /** Where the user's log stands, for the cache; null before the first catch-up. */
  get userCursor(): number | null {
    return this.userFeed.isStarted ? this.userFeed.position : null;
  }

  cursorOf(conversationId: string): number | null {
    const feed = this.feeds.get(conversationId);
    return feed?.isStarted ? feed.position : null;
  }

  /** Resumes from a cache: the user's log and each conversation at their saved positions. */
  restore(userCursor: number | null, conversations: Restored[]): void {
    if (userCursor !== null) this.userFeed.start(userCursor);
    for (const item of conversations) this.track(item.conversation, item.cursor, item.history);
  }

  /**
   * Follows a conversation from `cursor` (its view's last seq when first seen): the feed
   * starts there and live changes above it flow into the state.
   */
  track(view: Conversation, cursor = view.lastSeq, history?: WindowSnapshot): void {
    this.options.state.putConversation(view, history);
    this.feedOf(view.id).start(cursor);
  }

  /** Stops following a conversation the user left. */
  untrack(conversationId: string): void {
    this.feeds.get(conversationId)?.stop();
    this.feeds.delete(conversationId);
    this.options.state.dropConversation(conversationId);
  }

  /** A shared change pushed live, or the ack of one of this user's sends. */
  receive(change: ConversationChange, forViewer = false): void {
    if (forViewer) this.fromLog.add(change);
    const known = this.feeds.get(change.conversationId);
    this.feedOf(change.conversationId).receive(change);
    if (!known) void this.discover(change.conversationId);
  }

  receiveUser(change: UserChange): void {
    this.userFeed.receive(change);
  }

  /** Whether a change's messages were seen as this user sees them (with their reactions). */
  isForViewer(change: ConversationChange): boolean {
    return this.fromLog.has(change);
  }

  /** Brings everything level with the server; run on every new connection. */
  async catchUp(): Promise<void> {
    const { request, state } = this.options;
    if (this.userFeed.isStarted) await this.userFeed.catchUp();
    else this.userFeed.start(await this.userHead());

    const before = new Set(state.records.keys());
    const listed = new Map<string, Conversation>();
    let cursor: string | undefined;
    do {
      const page = await request('conversation.list', { limit: LIST_PAGE, before: cursor });
      for (const view of page.conversations) listed.set(view.id, view);
      cursor = page.next ?? undefined;
    } while (cursor);

    for (const id of before) if (!listed.has(id)) this.untrack(id);
    const behind: OrderedFeed<ConversationChange>[] = [];
    for (const view of listed.values()) {
      const feed = this.feeds.get(view.id);
      if (!feed?.isStarted) {
        this.track(view);
        continue;
      }
      state.putConversation(view);
      if (feed.position < view.lastSeq || feed.hasGap) behind.push(feed);
    }
    await inBatches(behind, CATCH_UP_CONCURRENCY, (feed) => feed.catchUp());
  }

  /** Reads one conversation's log now (a gap the host knows of, or a test). */
  catchUpConversation(conversationId: string): Promise<void> {
    return this.feeds.get(conversationId)?.catchUp() ?? Promise.resolve();
  }

  stop(): void {
    this.userFeed.stop();
    for (const feed of this.feeds.values()) feed.stop();
    this.feeds.clear();
  }

  /**
   * The user's log position on a device that has none saved. The conversation list that the
   * catch-up reads next is the current picture, so earlier private changes are passed over.
   * The protocol gives no head position, so this pages through the log once per device.
   */
  private async userHead(): Promise<number> {
    let afterSeq = 0;
    for (;;) {
      const page = await this.options.request('sync.user', { afterSeq, limit: 500 });
      if (!page.hasMore || page.lastSeq <= afterSeq) return page.lastSeq;
      afterSeq = page.lastSeq;
    }
  }

  private feedOf(conversationId: string): OrderedFeed<ConversationChange> {
    let feed = this.feeds.get(conversationId);
    if (feed) return feed;
    feed = new OrderedFeed<ConversationChange>({
      seqOf: (change) => change.seq,
      fetch: async (afterSeq) => {
        const page = await this.options.request('sync.conversation', {
          conversationId,
          afterSeq,
          limit: this.options.pageSize,
        });
        for (const change of page.changes) this.fromLog.add(change);
        return page;
      },
      deliver: (change) => this.options.deliverChange(change),
      onSyncError: (error) => this.options.onSyncError(conversationId, error),
      gapGraceMs: this.options.gapGraceMs,
    });
    this.feeds.set(conversationId, feed);
    return feed;
  }

  /** A change for a conversation not known yet: learn it, or drop it if it is not ours. */
  private discover(conversationId: string): Promise<void> {
    const running = this.fetching.get(conversationId);
    if (running) return running;
    const done = this.options
      .request('conversation.get', { conversationId })
      .then((view) => {
        if (!this.feeds.get(conversationId)?.isStarted) this.track(view);
      })
      .catch(() => {
        const feed = this.feeds.get(conversationId);
        if (feed && !feed.isStarted) this.feeds.delete(conversationId);
      })
      .finally(() => this.fetching.delete(conversationId));
    this.fetching.set(conversationId, done);
    return done;
  }

  /** Learns a conversation the user joined; the joined event may carry it already. */
  joined(conversationId: string, view?: Conversation): void {
    if (this.feeds.get(conversationId)?.isStarted) {
      if (view) this.options.state.putConversation(view);
      return;
    }
    if (view) this.track(view);
    else void this.discover(conversationId);
  }
}

export interface Restored {
  conversation: Conversation;
  cursor: number;
  history: WindowSnapshot;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(run));
  }
}
