import type { ConfabError } from '../errors.js';
import type { ConversationChange, UserChange } from '../protocol/changes.js';
import type { Message, Presence } from '../protocol/models.js';
import type { ConnectionState } from '../transport/connection-state.js';

/** What `client.on` can listen to. */
export interface ClientEvents {
  /** Every shared change of every conversation, once each, in seq order per conversation. */
  change: ConversationChange;
  /** Every private change of the user (read marks, deletes for me, joins, leaves...), once. */
  userChange: UserChange;
  /** A new message in any conversation (a `message.new` change, for convenience). */
  message: Message;
  connection: ConnectionState;
  typing: { conversationId: string; userId: string };
  presence: Presence;
  /** Something failed in the background (a sync, a refresh); the client carries on. */
  error: ConfabError;
}
