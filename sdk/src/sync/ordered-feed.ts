/** One page of a scope's log, as `sync.conversation` and `sync.user` answer. */
export interface SyncPage<C> {
  changes: C[];
  hasMore: boolean;
  lastSeq: number;
}

export interface FeedOptions<C> {
  seqOf(change: C): number;
  /** Reads the log after `afterSeq`. */
  fetch(afterSeq: number): Promise<SyncPage<C>>;
  /** Applies one change, exactly once per seq. */
  deliver(change: C): void;
  /** A catch-up failed; the feed keeps what it holds and tries again when asked. */
  onSyncError(error: unknown): void;
  /** How long a gap may stay open before the feed reads the log, in ms. */
  gapGraceMs: number;
}

/** Seen seqs kept above the cursor's floor; older ones count as seen by being below it. */
const SEEN_KEPT = 2_000;

/**
 * Turns the changes of one scope (a conversation, or the user's private log) into one ordered
 * stream, each seq delivered once. Seqs are unique and increase, but a seq may never be
 * filled (a write that lost a race burns it), and across api nodes a higher seq may arrive
 * before a lower one. So the feed de-duplicates by seq rather than trusting a high-water mark,
 * holds changes that arrive above a gap, and when the gap stays open it reads the log after
 * its cursor. Log answers are complete: whatever they leave out up to `lastSeq` is not coming.
 *
 * `cursor`: every change up to it has been delivered or is known not to exist for this user.
 */
export class OrderedFeed<C> {
  private cursor = 0;
  private floor = 0;
  private started = false;
  private readonly seen = new Set<number>();
  private readonly held = new Map<number, C>();
  private syncing: Promise<void> | null = null;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: FeedOptions<C>) {}

  /** The highest seq up to which nothing is missing. */
  get position(): number {
    return this.cursor;
  }

  get isStarted(): boolean {
    return this.started;
  }

  /**
   * Starts (or restarts) the feed at a known position: changes held until now above it are
   * delivered in order, those at or below it dropped. Seqs at or below it count as seen.
   */
  start(cursor: number): void {
    this.started = true;
    this.cursor = Math.max(this.cursor, cursor);
    this.floor = Math.max(this.floor, this.cursor);
    for (const seq of this.held.keys()) if (seq <= this.cursor) this.held.delete(seq);
    this.drain();
  }

  /** A change pushed live (or the ack of one of our own writes). */
  receive(change: C): void {
    if (this.stopped) return;
    const seq = this.options.seqOf(change);
    if (this.isSeen(seq)) return;
    if (!this.started || this.syncing) {
      this.held.set(seq, change);
      return;
    }
    if (seq <= this.cursor) {
      // Late from another node: the log had not stored it yet when it was read.
      this.deliver(change);
      return;
    }
    this.held.set(seq, change);
    this.drain();
  }

  /**
   * Reads the log after the cursor until it is complete, then delivers what was held above
   * it. Calls made while one runs share it.
   */
  catchUp(): Promise<void> {
    if (this.stopped || !this.started) return Promise.resolve();
    this.clearGapTimer();
    this.syncing ??= this.readLog().finally(() => {
      this.syncing = null;
      this.drain();
    });
    return this.syncing;
  }

  /** Whether changes wait above a gap. */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  stop(): void {
    this.stopped = true;
    this.clearGapTimer();
    this.held.clear();
  }

  private async readLog(): Promise<void> {
    try {
      for (;;) {
        const page = await this.options.fetch(this.cursor);
        if (this.stopped) return;
        for (const change of page.changes) {
          if (!this.isSeen(this.options.seqOf(change))) this.deliver(change);
        }
        for (const seq of this.held.keys()) if (seq <= page.lastSeq) this.held.delete(seq);
        const before = this.cursor;
        this.cursor = Math.max(this.cursor, page.lastSeq);
        if (!page.hasMore || this.cursor === before) break;
      }
    } catch (error) {
      this.options.onSyncError(error);
    }
  }

  /** Delivers held changes while they follow the cursor; a gap left open is read after grace. */
  private drain(): void {
    if (!this.started || this.syncing || this.stopped) return;
    for (const [seq, change] of this.held) {
      if (seq > this.cursor) continue;
      this.held.delete(seq);
      if (!this.isSeen(seq)) this.deliver(change);
    }
    for (;;) {
      const next = this.held.get(this.cursor + 1);
      if (next === undefined) break;
      this.held.delete(this.cursor + 1);
      this.cursor += 1;
      this.deliver(next);
    }
    if (this.held.size === 0) {
      this.clearGapTimer();
      return;
    }
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = null;
      void this.catchUp();
    }, this.options.gapGraceMs);
  }

  private deliver(change: C): void {
    const seq = this.options.seqOf(change);
    this.seen.add(seq);
    if (this.seen.size > SEEN_KEPT * 2) this.prune();
    this.options.deliver(change);
  }

  private isSeen(seq: number): boolean {
    return seq <= this.floor || this.seen.has(seq);
  }

  private prune(): void {
    const sorted = [...this.seen].sort((a, b) => a - b);
    const cut = sorted[sorted.length - SEEN_KEPT]!;
    this.floor = Math.max(this.floor, Math.min(cut, this.cursor));
    for (const seq of sorted) if (seq <= this.floor) this.seen.delete(seq);
  }

  private clearGapTimer(): void {
    if (this.gapTimer !== null) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }
}
