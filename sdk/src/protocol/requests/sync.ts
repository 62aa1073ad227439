import { z } from 'zod';

import type { ConversationChange, UserChange } from '../changes.js';
import * as field from '../fields.js';

export const syncRequests = {
  /** Every shared change of one conversation after `afterSeq`, in seq order. */
  'sync.conversation': z.object({
    conversationId: field.conversationId,
    afterSeq: field.seq,
    limit: z.number().int().min(1).max(500).default(200),
  }),
  /** Every private change of mine after `afterSeq`, in userSeq order. */
  'sync.user': z.object({
    afterSeq: field.seq,
    limit: z.number().int().min(1).max(500).default(200),
  }),
} as const;

export interface SyncResults {
  'sync.conversation': { changes: ConversationChange[]; hasMore: boolean; lastSeq: number };
  'sync.user': { changes: UserChange[]; hasMore: boolean; lastSeq: number };
}
