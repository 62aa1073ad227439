import { z } from 'zod';

import * as field from '../fields.js';
import type { Member } from '../models.js';

export const memberRequests = {
  'member.list': z.object({
    conversationId: field.conversationId,
    limit: field.pageLimit,
    /** An opaque cursor from the previous page's `next`. */
    after: z.string().max(200).optional(),
  }),
  /** Owners and admins only; at most 500 at once (the server API adds more). */
  'member.add': z.object({ conversationId: field.conversationId, userIds: field.userIdList(500) }),
  /** Owners and admins only; nobody removes the owner, only the owner removes an admin. */
  'member.remove': z.object({ conversationId: field.conversationId, userId: field.userId }),
  /** The owner only. `owner` hands ownership over and makes the old owner an admin. */
  'member.setRole': z.object({
    conversationId: field.conversationId,
    userId: field.userId,
    role: z.enum(['owner', 'admin', 'member']),
  }),
} as const;

export interface MemberResults {
  'member.list': { members: Member[]; next: string | null };
  'member.add': { added: string[] };
  'member.remove': { removed: true };
  'member.setRole': Member;
}
