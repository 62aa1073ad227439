import type { Conversation } from '../protocol/models.js';
import { MessageWindow } from './message-window.js';
import type { WindowSnapshot } from './message-window.js';
import { Roster } from './roster.js';
import { UnreadCounter } from './unread-counter.js';

/** Everything held locally about one conversation the user is in. */
export interface ConversationRecord {
  /** The conversation as the server showed it, kept current by changes. */
  conversation: Conversation;
  window: MessageWindow;
  unread: UnreadCounter;
  roster: Roster;
}

/**
 * A record for a conversation first seen in `view`. Without cached history the window starts
 * empty just above the view's last seq, with everything before it to be paged in.
 */
export function newRecord(view: Conversation, history?: WindowSnapshot): ConversationRecord {
  const unread = new UnreadCounter();
  unread.setBase(view.me?.unreadCount ?? 0, view.lastSeq);
  const window = new MessageWindow(
    history ?? { messages: [], floorSeq: view.lastSeq + 1, hasOlder: view.lastSeq > 0 },
  );
  return { conversation: view, window, unread, roster: new Roster() };
}

/** Newest activity first, then the newer conversation first, as the server lists them. */
export function byActivity(a: ConversationRecord, b: ConversationRecord): number {
  const at = b.conversation.lastActivityAt.localeCompare(a.conversation.lastActivityAt);
  return at !== 0 ? at : b.conversation.id.localeCompare(a.conversation.id);
}
