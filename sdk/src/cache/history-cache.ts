import type { Logger } from '../logger.js';
import type { Conversation } from '../protocol/models.js';
import type { WindowSnapshot } from '../state/message-window.js';
import type { KeyValueStorage } from '../storage/storage.js';
import type { Restored } from '../sync/sync-engine.js';

/** One conversation as cached: its summary, its newest messages and its log position. */
interface CachedConversation {
  conversation: Conversation;
  cursor: number;
  history: WindowSnapshot;
}

interface CachedIndex {
  conversationIds: string[];
  userCursor: number | null;
}

export interface CacheSource {
  conversationIds(): string[];
  userCursor(): number | null;
  /** A conversation's record to write, or null when it is gone or not yet followed. */
  conversation(id: string): CachedConversation | null;
}

/** How long after a change the cache writes, in ms: bursts of changes make one write. */
const WRITE_DELAY_MS = 300;

/**
 * The local history cache: on the next start the conversation list and the newest messages
 * show at once, before any connection, and stay readable offline. Each conversation is one
 * entry holding its messages together with its log position, so the two can never disagree;
 * the index (which conversations, and the user's log position) is written after them, so a
 * write cut short only replays changes the state applies idempotently.
 */
export class HistoryCache {
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly prefix: string,
    private readonly source: CacheSource,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<{ userCursor: number | null; conversations: Restored[] } | null> {
    try {
      const index = await this.storage.get<CachedIndex>(`${this.prefix}index`);
      if (!index) return null;
      const entries = await Promise.all(
        index.conversationIds.map((id) => this.storage.get<CachedConversation>(this.key(id))),
      );
      const conversations = entries.filter((e): e is CachedConversation => e !== undefined);
      return { userCursor: index.userCursor, conversations };
    } catch (error) {
      this.logger.warn('history cache unreadable', { error: String(error) });
      return null;
    }
  }

  /** A conversation changed; it is written shortly, with the index. */
  touch(conversationId: string): void {
    this.dirty.add(conversationId);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, WRITE_DELAY_MS);
  }

  /** Writes what changed now (the client calls this on close). */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.dirty];
    this.dirty.clear();
    this.writing = this.writing.then(() => this.write(ids));
    return this.writing;
  }

  private async write(ids: string[]): Promise<void> {
    try {
      for (const id of ids) {
        const entry = this.source.conversation(id);
        if (entry) await this.storage.set(this.key(id), entry);
        else await this.storage.delete(this.key(id));
      }
      const index: CachedIndex = {
        conversationIds: this.source.conversationIds(),
        userCursor: this.source.userCursor(),
      };
      await this.storage.set(`${this.prefix}index`, index);
    } catch (error) {
      this.logger.warn('history cache write failed', { error: String(error) });
    }
  }

  private key(conversationId: string): string {
    return `${this.prefix}c:${conversationId}`;
  }
}
