/**
 * One conversation's unread count. The server's count is the base (from a conversation view,
 * a read mark or `unread.get`), as of a seq; messages that arrive after that seq are added
 * locally, one per seq, so a change seen twice never counts twice. When a message the base
 * may include goes away (deleted, recalled, hidden) or the read position moves without a
 * count, the count can no longer be known locally: the caller asks the server again.
 */
export class UnreadCounter {
  private base = 0;
  private baseSeq = 0;
  private readonly extra = new Set<number>();

  get count(): number {
    return this.base + this.extra.size;
  }

  /** The server's count, which covers every message up to `asOfSeq`. */
  setBase(count: number, asOfSeq: number): void {
    this.base = count;
    this.baseSeq = asOfSeq;
    for (const seq of this.extra) if (seq <= asOfSeq) this.extra.delete(seq);
  }

  /** A new unread message (from someone else, text, above my read position). */
  add(seq: number): void {
    if (seq > this.baseSeq) this.extra.add(seq);
  }

  /** A message went away; false when the base may have counted it. */
  remove(seq: number, readSeq: number): boolean {
    if (this.extra.delete(seq)) return true;
    return seq <= readSeq || seq > this.baseSeq || this.base === 0;
  }

  /** My read position moved; false when the count is no longer known. */
  readUpTo(readSeq: number): boolean {
    for (const seq of this.extra) if (seq <= readSeq) this.extra.delete(seq);
    if (readSeq >= this.baseSeq) this.base = 0;
    return this.base === 0;
  }
}
