import type { Message } from '@confab/sdk/protocol';
import type { Types } from 'mongoose';

import { Message as MessageModel, Reaction } from '../store/models/index.js';
import type { MessageDoc } from '../store/models/index.js';
import { messageView, replyRefView } from './views.js';

/**
 * Messages as one user sees them: with the messages they reply to (as those are now) and, when
 * `viewerId` is given, that user's own reactions. Two batched queries for a whole page.
 * Events pushed to every member pass no viewer: `myReactions` is then empty.
 */
export async function viewMessages(
  tenantId: string,
  docs: MessageDoc[],
  viewerId?: string,
): Promise<Message[]> {
  if (docs.length === 0) return [];
  const conversationId = docs[0]!.conversationId;

  const replySeqs = [...new Set(docs.map((d) => d.replyToSeq).filter((s): s is number => !!s))];
  const [targets, mine] = await Promise.all([
    replySeqs.length > 0
      ? MessageModel.find({ tenantId, conversationId, seq: { $in: replySeqs } }).lean()
      : Promise.resolve([]),
    viewerId === undefined
      ? Promise.resolve([])
      : myReactions(tenantId, conversationId, viewerId, docs),
  ]);

  const targetBySeq = new Map(targets.map((t) => [t.seq, t as MessageDoc]));
  const mineBySeq = new Map<number, string[]>();
  for (const r of mine) mineBySeq.set(r.seq, [...(mineBySeq.get(r.seq) ?? []), r.reaction]);

  return docs.map((doc) => {
    const target = doc.replyToSeq ? targetBySeq.get(doc.replyToSeq) : undefined;
    return messageView(doc, {
      replyTo: target ? replyRefView(target) : null,
      myReactions: mineBySeq.get(doc.seq) ?? [],
    });
  });
}

function myReactions(
  tenantId: string,
  conversationId: Types.ObjectId,
  userId: string,
  docs: MessageDoc[],
) {
  // Only messages that have reactions at all can have the viewer's.
  const seqs = docs.filter((d) => (d.reactions ?? []).length > 0).map((d) => d.seq);
  if (seqs.length === 0) return Promise.resolve([]);
  return Reaction.find(
    { tenantId, conversationId, userId, seq: { $in: seqs } },
    { seq: 1, reaction: 1 },
  ).lean();
}

/** One message as one user (or, without a viewer, every member) sees it. */
export async function viewMessage(
  tenantId: string,
  doc: MessageDoc,
  viewerId?: string,
): Promise<Message> {
  const [view] = await viewMessages(tenantId, [doc], viewerId);
  return view!;
}
