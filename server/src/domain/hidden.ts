import type { Types } from 'mongoose';

import { Hidden } from '../store/models/index.js';

/**
 * The seqs of the messages a user hid in one conversation (delete for me), optionally only
 * those above `afterSeq`. Queries that must leave hidden messages out exclude these seqs.
 */
export async function hiddenSeqs(
  tenantId: string,
  conversationId: Types.ObjectId | string,
  userId: string,
  afterSeq = 0,
): Promise<number[]> {
  const filter: Record<string, unknown> = { tenantId, conversationId, userId };
  if (afterSeq > 0) filter.seq = { $gt: afterSeq };
  const marks = await Hidden.find(filter, { seq: 1 }).lean();
  return marks.map((mark) => mark.seq);
}

export async function isHidden(
  tenantId: string,
  conversationId: Types.ObjectId | string,
  userId: string,
  seq: number,
): Promise<boolean> {
  return (await Hidden.exists({ tenantId, conversationId, userId, seq })) !== null;
}
