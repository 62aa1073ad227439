import { HistoryCache } from '../cache/history-cache.js';
import { AuthError, ConfabError, toConfabError } from '../errors.js';
import { Outbox } from '../outbox/outbox.js';
import type { ConversationChange, UserChange } from '../protocol/changes.js';
import type { Message } from '../protocol/models.js';
import type { RequestInput, RequestName, RequestResults } from '../protocol/requests/index.js';
import { ChatState, topics } from '../state/chat-state.js';
import { SyncEngine } from '../sync/sync-engine.js';
import { Connection } from '../transport/connection.js';
import type { Credentials } from '../transport/credentials.js';
import { backoffDelay } from '../util/backoff.js';
import { Emitter } from '../util/emitter.js';
import { Notifier } from '../util/readable.js';
import { Batcher } from './batcher.js';
import { dispatchEvent } from './dispatch.js';
import type { ClientEvents } from './events.js';
import type { ResolvedOptions } from './options.js';

/** Members loaded for a members view, at most. */
const MEMBER_PAGES = 10;

/**
 * Everything one client runs on, wired together: the connection, the sync engine and the
 * state it feeds, the outbox, the history cache, and the views' notifier. The public client
 * and its request groups are thin layers over this.
 */
export class Runtime {
  readonly events: Emitter<ClientEvents>;
  readonly notifier: Notifier;
  readonly state: ChatState;
  readonly engine: SyncEngine;
  readonly connection: Connection;
  readonly outbox: Outbox;
  cache: HistoryCache | null = null;
  private readonly unreadBatch: Batcher<string>;
  private readonly membershipBatch: Batcher<string>;
  private readonly contactsBatch: Batcher<true>;
  private readonly opened = new Set<string>();

  constructor(
    readonly options: ResolvedOptions,
    private readonly credentials: Credentials,
  ) {
    const { logger } = options;
    this.events = new Emitter((error) => logger.error('listener failed', { error: String(error) }));
    this.notifier = new Notifier((error) =>
      logger.error('view listener failed', { error: String(error) }),
    );
    this.state = new ChatState(this.notifier, {
      refreshUnread: (id) => this.unreadBatch.add(id),
      membershipChanged: (id) => this.membershipBatch.add(id),
      stored: (message) => this.outbox.confirm(message),
      touched: (id) => this.cache?.touch(id),
    });
    this.unreadBatch = new Batcher(50, (ids) => this.refreshUnread(ids));
    this.membershipBatch = new Batcher(200, (ids) => this.refreshMembership(ids));
    this.contactsBatch = new Batcher(100, () => this.loadContacts());

    this.connection = new Connection({
      url: options.url,
      credentials,
      socket: options.socket,
      backoff: options.backoff,
      connectTimeoutMs: options.connectTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs,
      refreshLeadMs: options.refreshLeadMs,
      logger,
      onEvent: (event, payload) => dispatchEvent(this, event, payload),
      onState: (state) => {
        this.notifier.changed(topics.connection);
        this.events.emit('connection', state);
        if (state.status === 'connected') this.outbox.kick();
      },
      onUp: () => this.catchUp(),
    });

    this.engine = new SyncEngine({
      request: (name, input) => this.request(name, input),
      state: this.state,
      gapGraceMs: options.gapGraceMs,
      pageSize: 500,
      deliverChange: (change) => this.deliverChange(change),
      deliverUserChange: (change) => this.deliverUserChange(change),
      onSyncError: (scope, error) => this.onSyncError(scope, error),
    });

    this.outbox = new Outbox({
      storage: options.storage,
      backoff: options.backoff,
      logger,
      isConnected: () => this.connection.isConnected,
      send: (entry) =>
        this.request('message.send', {
          conversationId: entry.conversationId,
          clientId: entry.clientId,
          text: entry.text,
          replyToSeq: entry.replyToSeq,
          mentions: entry.mentions,
        }),
      onChange: () => this.notifier.changed(topics.outbox),
      onStored: (message) => this.receiveOwn(message),
    });
  }

  /** Sends one request of the catalogue over the connection. */
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestResults[N]> {
    return this.connection.request<RequestResults[N]>(name, input);
  }

  /**
   * Learns who the user is from the first token, then loads their outbox and cache, so views
   * show the last known state before the connection is up. Stored data is kept under the
   * server, the signing key (the tenant) and the user: another user or tenant on the same
   * device never reads it.
   */
  async restore(): Promise<void> {
    const { userId, keyId } = await this.identify();
    if (this.options.userId !== undefined && this.options.userId !== userId) {
      throw new ConfabError('identity_changed', 'The token is for another user than userId');
    }
    this.state.setUser(userId);
    const prefix = `confab:v1:${this.options.url}:${keyId ?? '-'}:${userId}:`;
    const { storage, logger } = this.options;
    await this.outbox.load(`${prefix}outbox`);
    if (!this.options.cache) return;
    this.cache = new HistoryCache(storage, prefix, this.cacheSource(), logger);
    const cached = await this.cache.load();
    if (cached) this.engine.restore(cached.userCursor, cached.conversations);
  }

  /** The token's user and key; a provider is asked until it answers or refuses for good. */
  private async identify(): Promise<{ userId: string; keyId: string | null }> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.credentials.current();
        break;
      } catch (error) {
        const failure = toConfabError(error);
        if (failure instanceof AuthError || failure.code === 'identity_changed') throw failure;
        this.options.logger.warn('token provider failed', { code: failure.code });
        await new Promise((resolve) =>
          setTimeout(resolve, backoffDelay(attempt, this.options.backoff)),
        );
      }
    }
    const who = this.credentials.who;
    const userId = who?.userId ?? this.options.userId;
    if (!userId) {
      throw new ConfabError('token_invalid', "Pass userId: the SDK cannot read the token's user");
    }
    return { userId, keyId: who?.keyId ?? null };
  }

  /** A stored message of this user's, from a send's answer: the same change as its event. */
  receiveOwn(message: Message): void {
    const change = {
      type: 'message.new',
      conversationId: message.conversationId,
      seq: message.seq,
      message,
    } as const;
    this.engine.receive(change, true);
  }

  /**
   * A view shows this conversation: its newest page is loaded now if nothing is held, and
   * again after each catch-up while it stays empty.
   */
  open(conversationId: string): void {
    this.opened.add(conversationId);
    const record = this.state.record(conversationId);
    if (record && record.window.list().length === 0 && record.window.hasOlder) {
      void this.loadOlder(conversationId).catch(() => undefined);
    }
  }

  /** Pages in older messages of a conversation below what is held. */
  async loadOlder(conversationId: string, limit = 50): Promise<void> {
    const record = this.state.record(conversationId);
    if (!record || !record.window.hasOlder || record.window.loadingOlder) return;
    record.window.loadingOlder = true;
    this.state.changedMessages(conversationId);
    try {
      const asOf = this.engine.cursorOf(conversationId) ?? record.conversation.lastSeq;
      const page = await this.request('message.list', {
        conversationId,
        beforeSeq: record.window.floorSeq,
        limit,
      });
      this.state.addHistory(conversationId, page.messages, page.hasMore, asOf);
    } finally {
      record.window.loadingOlder = false;
      this.state.changedMessages(conversationId);
    }
  }

  /** Loads a conversation's members with their read positions. */
  async loadMembers(conversationId: string): Promise<void> {
    const members = [];
    let after: string | undefined;
    for (let page = 0; page < MEMBER_PAGES; page += 1) {
      const answer = await this.request('member.list', { conversationId, limit: 100, after });
      members.push(...answer.members);
      if (!answer.next) break;
      after = answer.next;
    }
    this.state.setMembers(conversationId, members);
  }

  async loadContacts(): Promise<void> {
    const { contacts } = await this.request('contact.list', {});
    this.state.people.setContacts(contacts);
    this.notifier.changed(topics.contacts);
    this.notifier.changed(topics.presence);
  }

  /** Follows the presence of users who are not contacts (group members, say). */
  async watchPresence(userIds: string[]): Promise<void> {
    const fresh = userIds.filter((id) => !this.state.people.watched.has(id));
    for (const id of fresh) this.state.people.watched.add(id);
    if (fresh.length > 0 && this.connection.isConnected) await this.loadPresence(fresh);
  }

  async close(): Promise<void> {
    this.connection.close();
    for (const batch of [this.unreadBatch, this.membershipBatch, this.contactsBatch]) batch.stop();
    await this.outbox.stop();
    // Written while the feeds still know their positions, which the cache keeps.
    await this.cache?.flush();
    this.engine.stop();
    this.events.clear();
  }

  reloadContactsSoon(): void {
    this.contactsBatch.add(true);
  }

  /** On every new connection: level the state with the server, then the people around. */
  private async catchUp(): Promise<void> {
    await this.engine.catchUp();
    for (const id of this.opened) this.open(id);
    await this.loadContacts();
    const watched = [...this.state.people.watched];
    for (let start = 0; start < watched.length; start += 200) {
      await this.loadPresence(watched.slice(start, start + 200));
    }
    this.outbox.kick();
  }

  private async loadPresence(userIds: string[]): Promise<void> {
    const { presence } = await this.request('presence.get', { userIds });
    this.state.people.setPresence(presence);
    this.notifier.changed(topics.presence);
    this.notifier.changed(topics.contacts);
  }

  private deliverChange(change: ConversationChange): void {
    this.state.applyChange(change, this.engine.isForViewer(change));
    this.state.record(change.conversationId)?.window.trim(this.options.windowMessages);
    this.events.emit('change', change);
    if (change.type === 'message.new') this.events.emit('message', change.message);
  }

  private deliverUserChange(change: UserChange): void {
    const state = this.state;
    switch (change.type) {
      case 'read.updated': {
        const asOf = this.engine.cursorOf(change.conversationId) ?? 0;
        state.applyRead(change.conversationId, change.readSeq, change.unreadCount, asOf);
        break;
      }
      case 'message.hidden':
        state.hide(change.conversationId, change.seq);
        break;
      case 'conversation.joined':
        this.engine.joined(change.conversationId, change.conversation);
        break;
      case 'conversation.left':
        this.engine.untrack(change.conversationId);
        break;
      case 'conversation.muted':
        state.applyMuted(change.conversationId, change.muted);
        break;
      case 'contact.updated':
        this.reloadContactsSoon();
        break;
    }
    this.events.emit('userChange', change);
  }

  private async refreshUnread(ids: string[]): Promise<void> {
    const known = ids.filter((id) => this.state.record(id));
    if (known.length === 0) return;
    const asOf = new Map(known.map((id) => [id, this.engine.cursorOf(id) ?? 0]));
    const answer = await this.request('unread.get', { conversationIds: known });
    for (const item of answer.conversations) {
      this.state.applyUnread(
        item.conversationId,
        item.unreadCount,
        asOf.get(item.conversationId) ?? 0,
      );
    }
  }

  private async refreshMembership(ids: string[]): Promise<void> {
    for (const id of ids) {
      const record = this.state.record(id);
      if (!record) continue;
      const view = await this.request('conversation.get', { conversationId: id });
      this.state.putConversation(view);
      if (record.roster.loaded) await this.loadMembers(id);
    }
  }

  private onSyncError(scope: string, error: unknown): void {
    const failure = toConfabError(error);
    this.options.logger.warn('sync failed', { scope, code: failure.code });
    this.events.emit('error', failure);
    // While connected, try again after a pause; a new connection catches up by itself.
    if (this.connection.isConnected && failure.code !== 'not_found') {
      setTimeout(() => {
        if (!this.connection.isConnected) return;
        if (scope === 'user') void this.engine.catchUp().catch(() => undefined);
        else void this.engine.catchUpConversation(scope);
      }, 1_000);
    }
  }

  private cacheSource() {
    return {
      conversationIds: () => [...this.state.records.keys()],
      userCursor: () => this.engine.userCursor,
      conversation: (id: string) => {
        const record = this.state.record(id);
        const cursor = this.engine.cursorOf(id);
        if (!record || cursor === null) return null;
        return {
          conversation: record.conversation,
          cursor,
          history: record.window.snapshot(this.options.cachedMessages),
        };
      },
    };
  }
}
