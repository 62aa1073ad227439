import { addReaction, listReactors, removeReaction } from '../domain/reactions.js';
import type { Handlers } from './handler.js';

export const reactionHandlers: Handlers<'reaction.add' | 'reaction.remove' | 'reaction.list'> = {
  'reaction.add': addReaction,
  'reaction.remove': removeReaction,
  'reaction.list': listReactors,
};
