import type { RequestInput, RequestResults } from '../protocol/requests/index.js';
import type { Runtime } from '../client/runtime.js';

/** Read marks, read positions, receipts and unread counts. */
export class ReadsApi {
  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * Marks a conversation read up to `seq` (by default, everything held). Read positions only
   * move forward; the user's other devices and the other members see it.
   *
   * @example
   * await client.reads.mark(conversationId);
   */
  async mark(conversationId: string, seq?: number): Promise<RequestResults['read.mark']> {
    const record = this.runtime.state.record(conversationId);
    const upTo =
      seq ?? Math.max(record?.conversation.lastSeq ?? 0, record?.window.newest?.seq ?? 0);
    const asOf = this.runtime.engine.cursorOf(conversationId) ?? upTo;
    const result = await this.runtime.request('read.mark', { conversationId, seq: upTo });
    this.runtime.state.applyRead(conversationId, result.readSeq, result.unreadCount, asOf);
    return result;
  }

  /**
   * Every member's read position (paged in large groups). `client.state.readMarkers(id)`
   * keeps them live for small groups.
   *
   * @example
   * const { positions } = await client.reads.positions({ conversationId });
   */
  positions(input: RequestInput<'read.positions'>): Promise<RequestResults['read.positions']> {
    return this.runtime.request('read.positions', input);
  }

  /**
   * Who has read one message, or who has not, paged, with both counts.
   *
   * @example
   * const { readCount, unreadCount } = await client.reads.receipts({ conversationId, seq });
   * label.textContent = `read by ${readCount} of ${readCount + unreadCount}`;
   */
  receipts(input: RequestInput<'receipt.get'>): Promise<RequestResults['receipt.get']> {
    return this.runtime.request('receipt.get', input);
  }

  /**
   * Unread counts per conversation (all, or those named) and in total, from the server.
   * `client.state.unread()` keeps the same figures live.
   *
   * @example
   * const { total } = await client.reads.unread();
   */
  async unread(conversationIds?: string[]): Promise<RequestResults['unread.get']> {
    const ids = conversationIds ?? [...this.runtime.state.records.keys()];
    const asOf = new Map(ids.map((id) => [id, this.runtime.engine.cursorOf(id) ?? 0]));
    const result = await this.runtime.request('unread.get', { conversationIds });
    for (const item of result.conversations) {
      this.runtime.state.applyUnread(
        item.conversationId,
        item.unreadCount,
        asOf.get(item.conversationId) ?? 0,
      );
    }
    return result;
  }
}
