import type { Conversation, ConversationPage } from '../protocol/models.js';
import type { RequestInput, RequestResults } from '../protocol/requests/index.js';
import type { Runtime } from '../client/runtime.js';

/** Conversations: list, open, create, rename, leave, mute. */
export class ConversationsApi {
  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * One page of the user's conversations, most recently active first. The client keeps all
   * of them in `client.state.conversations()` by itself; this is for paging a list yourself.
   *
   * @example
   * const { conversations, next } = await client.conversations.list({ limit: 20 });
   */
  list(input: RequestInput<'conversation.list'> = {}): Promise<ConversationPage> {
    return this.runtime.request('conversation.list', input);
  }

  /**
   * One conversation, as the user sees it (role, read position, unread count).
   *
   * @example
   * const chat = await client.conversations.get(conversationId);
   */
  async get(conversationId: string): Promise<Conversation> {
    const view = await this.runtime.request('conversation.get', { conversationId });
    this.runtime.engine.joined(view.id, view);
    return view;
  }

  /**
   * The one direct conversation with another user, made the first time it is opened.
   *
   * @example
   * const chat = await client.conversations.openDirect('bob');
   * await client.messages.send(chat.id, 'Hi Bob');
   */
  async openDirect(userId: string): Promise<Conversation> {
    const view = await this.runtime.request('conversation.openDirect', { userId });
    this.runtime.engine.joined(view.id, view);
    return view;
  }

  /**
   * A new group with these members; the user is its owner.
   *
   * @example
   * const group = await client.conversations.createGroup({
   *   title: 'Launch',
   *   memberIds: ['bob', 'carol'],
   * });
   */
  async createGroup(input: RequestInput<'conversation.createGroup'>): Promise<Conversation> {
    const view = await this.runtime.request('conversation.createGroup', input);
    this.runtime.engine.joined(view.id, view);
    return view;
  }

  /**
   * Renames a group, or changes its avatar or who sees history from before they joined.
   * Owners and admins only.
   *
   * @example
   * await client.conversations.update({ conversationId, title: 'Launch (done)' });
   */
  update(input: RequestInput<'conversation.update'>): Promise<Conversation> {
    return this.runtime.request('conversation.update', input);
  }

  /**
   * Leaves a conversation; from then on nothing of it reaches this user.
   *
   * @example
   * await client.conversations.leave(conversationId);
   */
  async leave(conversationId: string): Promise<RequestResults['conversation.leave']> {
    const result = await this.runtime.request('conversation.leave', { conversationId });
    this.runtime.engine.untrack(conversationId);
    return result;
  }

  /**
   * Mutes or unmutes a conversation on all the user's devices; a muted one is left out of
   * the total unread count.
   *
   * @example
   * await client.conversations.mute(conversationId, true);
   */
  async mute(conversationId: string, muted: boolean): Promise<RequestResults['conversation.mute']> {
    const result = await this.runtime.request('conversation.mute', { conversationId, muted });
    this.runtime.state.applyMuted(conversationId, result.muted);
    return result;
  }
}
