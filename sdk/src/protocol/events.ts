import type { ConversationChange, UserChange } from './changes.js';
import type { ErrorBody } from './errors.js';
import type { ReactionKind } from './models.js';

/** @internal Indexes a union of changes by their type. */
type ByType<U extends { type: string }> = { [C in U as C['type']]: C };

/**
 * The catalogue of events the server pushes to connected users. Names read
 * `resource.action`. Shared changes carry the conversation's `seq`, private ones the user's
 * `userSeq`; the rest are ephemeral and carry neither.
 */
export type ServerEvents = ByType<ConversationChange> &
  ByType<UserChange> & {
    /** A member's read position moved (groups under the large-group threshold only). */
    'member.read': { conversationId: string; userId: string; readSeq: number };
    /** Someone is typing; repeats while they type, and stops without a matching event. */
    'typing.started': { conversationId: string; userId: string };
    /** A contact came online or went offline. */
    'presence.changed': { userId: string; online: boolean; lastSeenAt: string | null };
    /** The socket's token expired; the server disconnects it right after this event. */
    'session.expired': ErrorBody;
  };

export type ServerEventName = keyof ServerEvents;

export type { ReactionKind };
