import type { ConversationChange, UserChange } from '../protocol/changes.js';
import type { ServerEvents } from '../protocol/events.js';
import { topics } from '../state/chat-state.js';
import { TYPING_SHOWN_MS } from '../state/people.js';
import type { Runtime } from './runtime.js';

const conversationChanges = new Set<string>([
  'message.new',
  'message.edited',
  'message.deleted',
  'message.recalled',
  'reaction.changed',
  'conversation.updated',
] satisfies ConversationChange['type'][]);

const userChanges = new Set<string>([
  'read.updated',
  'message.hidden',
  'conversation.joined',
  'conversation.left',
  'conversation.muted',
  'contact.updated',
] satisfies UserChange['type'][]);

/** Routes one server event: logged changes to the sync engine, the rest to the state. */
export function dispatchEvent(runtime: Runtime, event: string, payload: unknown): void {
  if (conversationChanges.has(event)) {
    runtime.engine.receive(payload as ConversationChange);
    return;
  }
  if (userChanges.has(event)) {
    runtime.engine.receiveUser(payload as UserChange);
    return;
  }
  const { state, notifier, events } = runtime;
  switch (event) {
    case 'member.read': {
      const read = payload as ServerEvents['member.read'];
      state.memberRead(read.conversationId, read.userId, read.readSeq);
      break;
    }
    case 'typing.started': {
      const typing = payload as ServerEvents['typing.started'];
      state.people.typingStarted(typing.conversationId, typing.userId);
      notifier.changed(topics.typing(typing.conversationId));
      // Once more when it lapses, so views drop the indicator without another event.
      setTimeout(() => notifier.changed(topics.typing(typing.conversationId)), TYPING_SHOWN_MS);
      events.emit('typing', typing);
      break;
    }
    case 'presence.changed': {
      const presence = payload as ServerEvents['presence.changed'];
      state.people.setPresence([presence]);
      notifier.changed(topics.presence);
      notifier.changed(topics.contacts);
      events.emit('presence', presence);
      break;
    }
  }
}
