import type { Message, ReactionSummary } from '../protocol/models.js';

/** What of a conversation's history is held locally, as the cache keeps it. */
export interface WindowSnapshot {
  messages: Message[];
  /** The window holds every visible message from this seq up to the conversation's cursor. */
  floorSeq: number;
  /** Whether older messages exist below the floor. */
  hasOlder: boolean;
}

/**
 * The messages of one conversation held locally: one unbroken run of history, in seq order,
 * from `floorSeq` up to the newest change received. Older pages are added below it; new
 * messages above. Each message remembers the seq of the last change applied to it, so a
 * change that arrives late (from another node) never rolls a message back.
 */
export class MessageWindow {
  private messages: Message[];
  private readonly versions = new Map<number, number>();
  private readonly reactionVersions = new Map<number, number>();
  private view: readonly Message[] | null = null;
  floorSeq: number;
  hasOlder: boolean;
  loadingOlder = false;

  constructor(snapshot: WindowSnapshot) {
    this.messages = [...snapshot.messages].sort((a, b) => a.seq - b.seq);
    this.floorSeq = snapshot.floorSeq;
    this.hasOlder = snapshot.hasOlder;
    for (const message of this.messages) this.versions.set(message.seq, message.seq);
  }

  /** The messages, as one array that stays the same object until something changes. */
  list(): readonly Message[] {
    this.view ??= [...this.messages];
    return this.view;
  }

  get(seq: number): Message | undefined {
    const index = this.indexOf(seq);
    return index >= 0 ? this.messages[index] : undefined;
  }

  get newest(): Message | undefined {
    return this.messages.at(-1);
  }

  /**
   * Puts a message as it stood after change `changeSeq`. Payloads pushed to every member carry
   * no `myReactions`; `forViewer` says this one does, else the local ones are kept.
   */
  upsert(message: Message, changeSeq: number, forViewer: boolean): boolean {
    if (message.seq < this.floorSeq) return false;
    if ((this.versions.get(message.seq) ?? -1) > changeSeq) return false;
    this.versions.set(message.seq, changeSeq);
    const index = this.indexOf(message.seq);
    const before = index >= 0 ? this.messages[index] : undefined;
    const kept = before && !forViewer && message.state === 'active' ? before.myReactions : null;
    const next = kept ? { ...message, myReactions: kept } : message;
    if (before) this.messages[index] = next;
    else this.messages.splice(this.insertionPoint(message.seq), 0, next);
    this.view = null;
    return true;
  }

  /** Sets a message's reactions as they stood after change `changeSeq`. */
  react(
    seq: number,
    reactions: ReactionSummary[],
    changeSeq: number,
    mine?: { reaction: string; added: boolean },
  ): boolean {
    const index = this.indexOf(seq);
    if (index < 0) return false;
    const message = this.messages[index]!;
    const fresh = (this.reactionVersions.get(seq) ?? -1) < changeSeq;
    let myReactions = message.myReactions;
    if (mine) {
      const others = myReactions.filter((r) => r !== mine.reaction);
      myReactions = mine.added ? [...others, mine.reaction] : others;
    }
    if (fresh) this.reactionVersions.set(seq, changeSeq);
    this.messages[index] = {
      ...message,
      reactions: fresh ? reactions : message.reactions,
      myReactions,
    };
    this.view = null;
    return true;
  }

  /** Takes a message out (hidden for me); its seq stays known. */
  remove(seq: number): boolean {
    const index = this.indexOf(seq);
    if (index < 0) return false;
    this.messages.splice(index, 1);
    this.view = null;
    return true;
  }

  /**
   * Adds a page of older history below the floor. `asOf` is the newest change seq already
   * reflected in the page's messages.
   */
  prepend(page: Message[], hasMore: boolean, asOf: number): void {
    const older = page.filter((m) => m.seq < this.floorSeq);
    for (const message of older) {
      this.versions.set(message.seq, Math.max(this.versions.get(message.seq) ?? 0, asOf));
    }
    this.messages = [...older, ...this.messages];
    this.floorSeq = hasMore && older.length > 0 ? older[0]!.seq : 1;
    this.hasOlder = hasMore && older.length > 0;
    this.view = null;
  }

  /** Keeps at most `max` of the newest messages; the rest can be paged in again. */
  trim(max: number): void {
    if (this.messages.length <= max) return;
    const dropped = this.messages.splice(0, this.messages.length - max);
    for (const message of dropped) {
      this.versions.delete(message.seq);
      this.reactionVersions.delete(message.seq);
    }
    this.floorSeq = this.messages[0]!.seq;
    this.hasOlder = true;
    this.view = null;
  }

  snapshot(max: number): WindowSnapshot {
    const messages = this.messages.slice(-max);
    const cut = messages.length < this.messages.length;
    return {
      messages,
      floorSeq: cut ? messages[0]!.seq : this.floorSeq,
      hasOlder: cut || this.hasOlder,
    };
  }

  private indexOf(seq: number): number {
    const at = this.insertionPoint(seq);
    return this.messages[at]?.seq === seq ? at : -1;
  }

  /** The first index whose message has a seq at or above `seq`. */
  private insertionPoint(seq: number): number {
    let low = 0;
    let high = this.messages.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.messages[mid]!.seq < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
