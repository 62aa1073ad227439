import { ObjectId } from 'mongodb';
import type { Db } from 'mongodb';

export interface OldMessages {
  tenantId: string;
  conversationId: string;
  senderId: string;
  count: number;
  /** The first seq; the rest follow it. */
  firstSeq: number;
  createdAt: Date;
}

/**
 * Writes text messages straight into the store, dated in the past: thousands of expired
 * messages for retention to remove, in a second instead of a send each.
 */
export async function insertOldMessages(db: Db, spec: OldMessages): Promise<void> {
  const conversationId = new ObjectId(spec.conversationId);
  await db.collection('messages').insertMany(
    Array.from({ length: spec.count }, (_, i) => ({
      tenantId: spec.tenantId,
      conversationId,
      seq: spec.firstSeq + i,
      senderId: spec.senderId,
      clientId: `old-${spec.firstSeq + i}`,
      type: 'text',
      text: `old ${i}`,
      state: 'active',
      mentions: [],
      reactions: [],
      reactionsSeq: 0,
      createdAt: spec.createdAt,
    })),
  );
}
