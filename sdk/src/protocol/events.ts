import type { ErrorBody } from './errors.js';
import type { Conversation, Message } from './models.js';

/**
 * The catalogue of events the server pushes to connected users. Names read
 * `resource.action`. Shared changes carry the conversation's `seq`.
 */
export interface ServerEvents {
  /** A message was stored in a conversation the user belongs to. */
  'message.new': { conversationId: string; seq: number; message: Message };
  /** The user was added to a conversation (or opened a direct one from another device). */
  'conversation.new': { conversation: Conversation };
  /** The socket's token expired; the server disconnects it right after this event. */
  'session.expired': ErrorBody;
}

export type ServerEventName = keyof ServerEvents;
