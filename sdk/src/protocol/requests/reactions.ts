import { z } from 'zod';

import * as field from '../fields.js';
import type { ReactionSummary, UserIdPage } from '../models.js';

const target = {
  conversationId: field.conversationId,
  seq: field.seq.min(1),
  reaction: field.reaction.default('like'),
};

/** Adding twice or removing what is not there changes nothing, so retries are safe. */
export const reactionRequests = {
  'reaction.add': z.object(target),
  'reaction.remove': z.object(target),
  /** Everyone who reacted this way, newest first, paged. */
  'reaction.list': z.object({
    ...target,
    limit: field.pageLimit,
    after: z.string().max(200).optional(),
  }),
} as const;

export interface ReactionResults {
  'reaction.add': { reactions: ReactionSummary[]; changed: boolean };
  'reaction.remove': { reactions: ReactionSummary[]; changed: boolean };
  'reaction.list': UserIdPage;
}
