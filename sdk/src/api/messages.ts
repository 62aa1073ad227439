import type { SendOptions } from '../outbox/outbox-entry.js';
import type { Message, MessagePage } from '../protocol/models.js';
import type { RequestInput, RequestResults } from '../protocol/requests/index.js';
import type { Runtime } from '../client/runtime.js';

/** Messages: send (through the outbox), history, edit, delete, recall, hide, search. */
export class MessagesApi {
  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * Sends a text message. It goes into the outbox at once (shown as pending in
   * `client.state.messages(id).pending`), is sent when connected, and is retried with the
   * same client id until stored, across reconnects and, in browsers, page reloads. Resolves
   * with the stored message; rejects if the server refuses it for good (the entry then shows
   * `failed`; see `retry` and `cancel`) or it is cancelled.
   *
   * @example
   * const message = await client.messages.send(conversationId, 'See you at 5');
   * await client.messages.send(conversationId, 'Agreed', { replyToSeq: message.seq });
   */
  send(conversationId: string, text: string, options?: SendOptions): Promise<Message> {
    return this.runtime.outbox.add(conversationId, text, options);
  }

  /**
   * Sends a failed message again, with its client id, so it is stored once at most.
   *
   * @example
   * for (const entry of client.state.outbox().get()) {
   *   if (entry.status === 'failed') void client.messages.retry(entry.clientId);
   * }
   */
  retry(clientId: string): Promise<Message> {
    return this.runtime.outbox.retry(clientId);
  }

  /**
   * Takes a message out of the outbox; answers whether there was one. A send already on its
   * way may still be stored, and then shows in the conversation.
   *
   * @example
   * client.messages.cancel(entry.clientId);
   */
  cancel(clientId: string): boolean {
    return this.runtime.outbox.cancel(clientId);
  }

  /**
   * Pages older history into `client.state.messages(conversationId)`.
   *
   * @example
   * list.addEventListener('scroll', () => {
   *   if (list.scrollTop === 0) void client.messages.loadOlder(conversationId);
   * });
   */
  loadOlder(conversationId: string, limit = 50): Promise<void> {
    return this.runtime.loadOlder(conversationId, limit);
  }

  /**
   * One page of history in seq order: the newest, or before or after a seq.
   *
   * @example
   * const { messages, hasMore } = await client.messages.list({ conversationId, limit: 30 });
   * const older = await client.messages.list({ conversationId, beforeSeq: messages[0].seq });
   */
  list(input: RequestInput<'message.list'>): Promise<MessagePage> {
    return this.runtime.request('message.list', input);
  }

  /**
   * Edits the text of one of the user's messages, within the tenant's edit window.
   *
   * @example
   * await client.messages.edit(conversationId, message.seq, 'See you at 6');
   */
  async edit(conversationId: string, seq: number, text: string): Promise<Message> {
    return this.runtime.request('message.edit', { conversationId, seq, text });
  }

  /**
   * Deletes one of the user's messages for everyone; its content is erased.
   *
   * @example
   * await client.messages.delete(conversationId, message.seq);
   */
  delete(conversationId: string, seq: number): Promise<Message> {
    return this.runtime.request('message.delete', { conversationId, seq });
  }

  /**
   * Recalls one of the user's messages within the tenant's recall window (24 hours unless
   * set otherwise); its content is erased everywhere.
   *
   * @example
   * await client.messages.recall(conversationId, message.seq);
   */
  recall(conversationId: string, seq: number): Promise<Message> {
    return this.runtime.request('message.recall', { conversationId, seq });
  }

  /**
   * Deletes a message for this user only, on all their devices.
   *
   * @example
   * await client.messages.hide(conversationId, message.seq);
   */
  async hide(conversationId: string, seq: number): Promise<RequestResults['message.hide']> {
    const result = await this.runtime.request('message.hide', { conversationId, seq });
    this.runtime.state.hide(conversationId, seq);
    return result;
  }

  /**
   * Text messages containing `query` (case-insensitive), newest page first, each page in
   * seq order.
   *
   * @example
   * const { messages } = await client.messages.search({ conversationId, query: 'invoice' });
   */
  search(input: RequestInput<'message.search'>): Promise<MessagePage> {
    return this.runtime.request('message.search', input);
  }
}
