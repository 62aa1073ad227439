/**
 * A message on its way: `pending` until it is stored (waiting for a connection or a retry),
 * `sending` while a send is out, `failed` when the server refused it for good (retry or cancel
 * it). Entries keep their client id for life, so a retried send is stored only once.
 */
export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  text: string;
  replyToSeq?: number;
  mentions?: string[];
  status: 'pending' | 'sending' | 'failed';
  /** When it was queued, as an ISO 8601 string. */
  createdAt: string;
  attempts: number;
  /** The last refusal, kept while it is retried and when it failed. */
  error: { code: string; message: string } | null;
}

export interface SendOptions {
  /** The seq of the message this one replies to. */
  replyToSeq?: number;
  /** Members mentioned. */
  mentions?: string[];
  /** Your own idempotency key; a fresh random one when left out. */
  clientId?: string;
}
