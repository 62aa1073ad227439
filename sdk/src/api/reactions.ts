import type { ReactionKind } from '../protocol/models.js';
import type { RequestInput, RequestResults } from '../protocol/requests/index.js';
import type { Runtime } from '../client/runtime.js';

type ReactionAnswer = RequestResults['reaction.add'];

/** Likes and emoji reactions on messages. Adding twice or removing what is not there is safe. */
export class ReactionsApi {
  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * Reacts to a message: `like` unless another reaction (one emoji) is given.
   *
   * @example
   * await client.reactions.add(conversationId, message.seq);
   * await client.reactions.add(conversationId, message.seq, '🎉');
   */
  add(
    conversationId: string,
    seq: number,
    reaction: ReactionKind = 'like',
  ): Promise<ReactionAnswer> {
    return this.runtime.request('reaction.add', { conversationId, seq, reaction });
  }

  /**
   * Takes a reaction back.
   *
   * @example
   * await client.reactions.remove(conversationId, message.seq);
   */
  remove(
    conversationId: string,
    seq: number,
    reaction: ReactionKind = 'like',
  ): Promise<RequestResults['reaction.remove']> {
    return this.runtime.request('reaction.remove', { conversationId, seq, reaction });
  }

  /**
   * Everyone who reacted one way to a message, paged. Messages carry a sample of up to five
   * for avatars; this lists them all.
   *
   * @example
   * const { userIds } = await client.reactions.list({ conversationId, seq, reaction: 'like' });
   */
  list(input: RequestInput<'reaction.list'>): Promise<RequestResults['reaction.list']> {
    return this.runtime.request('reaction.list', input);
  }
}
