import { z } from 'zod';

import * as field from '../fields.js';
import type { UserIdPage } from '../models.js';

export const readRequests = {
  /** Moves my read position up to `seq`; a lower seq never moves it back. */
  'read.mark': z.object({ conversationId: field.conversationId, seq: field.seq }),
  /** Every member's read position (groups under the large-group threshold; else paged). */
  'read.positions': z.object({
    conversationId: field.conversationId,
    limit: z.number().int().min(1).max(1000).default(1000),
    after: z.string().max(200).optional(),
  }),
  /** Who has read one message, or who has not, paged, with both counts. */
  'receipt.get': z.object({
    conversationId: field.conversationId,
    seq: field.seq.min(1),
    state: z.enum(['read', 'unread']).default('read'),
    limit: field.pageLimit,
    after: z.string().max(200).optional(),
  }),
  /** Unread counts per conversation (all, or the ones named) and in total. */
  'unread.get': z.object({
    conversationIds: z.array(field.conversationId).min(1).max(200).optional(),
  }),
} as const;

export interface ReadResults {
  'read.mark': { readSeq: number; unreadCount: number; totalUnread: number };
  'read.positions': { positions: { userId: string; readSeq: number }[]; next: string | null };
  'receipt.get': UserIdPage & { readCount: number; unreadCount: number };
  'unread.get': { total: number; conversations: { conversationId: string; unreadCount: number }[] };
}
