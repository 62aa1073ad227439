import { z } from 'zod';

import * as field from '../fields.js';
import type { Conversation, ConversationPage } from '../models.js';

export const conversationRequests = {
  'conversation.list': z.object({
    limit: field.pageLimit,
    /** An opaque cursor from the previous page's `next`. */
    before: z.string().max(200).optional(),
  }),
  'conversation.get': z.object({ conversationId: field.conversationId }),
  'conversation.openDirect': z.object({ userId: field.userId }),
  'conversation.createGroup': z.object({
    title: field.displayName,
    avatarUrl: field.url.optional(),
    memberIds: z.array(field.userId).min(1).max(500),
    historyVisibility: z.enum(['full', 'since_join']).default('full'),
  }),
  /** Owners and admins only. */
  'conversation.update': z
    .object({
      conversationId: field.conversationId,
      title: field.displayName.optional(),
      avatarUrl: field.url.nullable().optional(),
      historyVisibility: z.enum(['full', 'since_join']).optional(),
      disappearAfterSeconds: field.disappearAfter.optional(),
    })
    .refine(
      (v) =>
        v.title !== undefined ||
        v.avatarUrl !== undefined ||
        v.historyVisibility !== undefined ||
        v.disappearAfterSeconds !== undefined,
      {
        message: 'give at least one of title, avatarUrl, historyVisibility, disappearAfterSeconds',
      },
    ),
  'conversation.leave': z.object({ conversationId: field.conversationId }),
  'conversation.mute': z.object({ conversationId: field.conversationId, muted: z.boolean() }),
} as const;

export interface ConversationResults {
  'conversation.list': ConversationPage;
  'conversation.get': Conversation;
  'conversation.openDirect': Conversation;
  'conversation.createGroup': Conversation;
  'conversation.update': Conversation;
  'conversation.leave': { left: true };
  'conversation.mute': { muted: boolean };
}
