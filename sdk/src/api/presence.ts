import type { RequestResults } from '../protocol/requests/index.js';
import type { Runtime } from '../client/runtime.js';

/** Online state and last seen. */
export class PresenceApi {
  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * Whether up to 200 users are online, and when each was last seen. To follow them live,
   * subscribe to `client.state.presence(userIds)` instead.
   *
   * @example
   * const { presence } = await client.presence.get(['bob', 'carol']);
   */
  get(userIds: string[]): Promise<RequestResults['presence.get']> {
    return this.runtime.request('presence.get', { userIds });
  }
}

/** How often a typing notice goes out while the user keeps typing, in ms. */
const TYPING_EVERY_MS = 2_000;

/** Typing indicators: ephemeral, never stored. */
export class TypingApi {
  private readonly last = new Map<string, number>();

  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * Tells the other members that the user is typing. Call it on every keystroke: the client
   * sends at most one notice per conversation every two seconds, and never waits for it.
   *
   * @example
   * input.addEventListener('input', () => client.typing.start(conversationId));
   */
  start(conversationId: string): void {
    const now = Date.now();
    if (now - (this.last.get(conversationId) ?? 0) < TYPING_EVERY_MS) return;
    this.last.set(conversationId, now);
    this.runtime.connection.notify('typing.start', { conversationId });
  }

  /**
   * Sends one typing notice and answers whether the server passed it on (it throttles too).
   *
   * @example
   * const { sent } = await client.typing.send(conversationId);
   */
  send(conversationId: string): Promise<RequestResults['typing.start']> {
    return this.runtime.request('typing.start', { conversationId });
  }
}
