import type { ParsedRequest, ReactionSummary, RequestResults } from '@confab/sdk/protocol';
import type { Types } from 'mongoose';

import type { AppContext, UserContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Message, Reaction } from '../store/models/index.js';
import type { MessageDoc } from '../store/models/index.js';
import { appendEvent, publishChange } from './change-log.js';
import { isHidden } from './hidden.js';
import { requireMembership } from './membership.js';
import { pageAfter } from './paging.js';

/** How many reactors of each kind a message carries for avatars; the rest are paged. */
const SAMPLE_SIZE = 5;
/** Distinct reaction kinds one message may collect. */
const MAX_KINDS = 30;

type ReactionInput = ParsedRequest<'reaction.add'>;

/** A message the caller, an active member, may react to: visible to them and not removed. */
async function reactableMessage(ctx: UserContext, input: ReactionInput): Promise<MessageDoc> {
  const { member, conversation } = await requireMembership(ctx, input.conversationId);
  const doc = await Message.findOne({
    tenantId: ctx.tenant._id,
    conversationId: conversation._id,
    seq: input.seq,
  }).lean();
  const beforeJoin = conversation.historyVisibility === 'since_join' && input.seq <= member.joinSeq;
  if (!doc || doc.type !== 'text' || beforeJoin) throw notFound('Message');
  if (await isHidden(ctx.tenant._id, doc.conversationId, ctx.userId, doc.seq)) {
    throw notFound('Message');
  }
  if (doc.state !== 'active') {
    throw new AppError('message_removed', `This message was ${doc.state}`);
  }
  return doc;
}

/** Adds a reaction (a like by default). Adding one the caller already made changes nothing. */
export async function addReaction(
  ctx: UserContext,
  input: ParsedRequest<'reaction.add'>,
): Promise<RequestResults['reaction.add']> {
  const doc = await reactableMessage(ctx, input);
  const kinds = new Set((doc.reactions ?? []).map((r) => r.reaction));
  if (!kinds.has(input.reaction) && kinds.size >= MAX_KINDS) {
    throw new AppError(
      'invalid_input',
      `A message collects at most ${MAX_KINDS} kinds of reaction`,
    );
  }
  let changed = true;
  try {
    await Reaction.create({ ...reactionKey(ctx, doc), reaction: input.reaction });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    changed = false;
  }
  return settle(ctx.app, ctx.tenant._id, ctx.userId, doc, input.reaction, true, changed);
}

/** Takes a reaction back. Removing one the caller did not make changes nothing. */
export async function removeReaction(
  ctx: UserContext,
  input: ParsedRequest<'reaction.remove'>,
): Promise<RequestResults['reaction.remove']> {
  const doc = await reactableMessage(ctx, input);
  const removed = await Reaction.deleteOne({ ...reactionKey(ctx, doc), reaction: input.reaction });
  return settle(
    ctx.app,
    ctx.tenant._id,
    ctx.userId,
    doc,
    input.reaction,
    false,
    removed.deletedCount > 0,
  );
}

/**
 * Takes back every reaction of one user (their data is being erased), each as a logged change
 * that corrects the message's summary for every member.
 */
export async function retractReactionsOf(
  app: AppContext,
  tenantId: string,
  userId: string,
): Promise<number> {
  const mine = await Reaction.find({ tenantId, userId }).lean();
  for (const reaction of mine) {
    await Reaction.deleteOne({ _id: reaction._id, tenantId });
    const doc = await Message.findOne({
      tenantId,
      conversationId: reaction.conversationId,
      seq: reaction.seq,
    }).lean();
    if (doc && doc.state === 'active') {
      await settle(app, tenantId, userId, doc, reaction.reaction, false, true);
    }
  }
  return mine.length;
}

function reactionKey(ctx: UserContext, doc: MessageDoc) {
  return {
    tenantId: ctx.tenant._id,
    conversationId: doc.conversationId,
    seq: doc.seq,
    userId: ctx.userId,
  };
}

/**
 * After a reaction record was written (or found already there), brings the message's summary
 * in line and logs the change. The summary is recounted from the records under the change's
 * own seq and written only over an older one, so of racing changes on any nodes the last seq
 * wins with a count that includes every record written before it: fifty likes at once end at
 * fifty. A change that found nothing to do still repairs a summary a crash left stale.
 */
async function settle(
  app: AppContext,
  tenantId: string,
  userId: string,
  doc: MessageDoc,
  reaction: string,
  added: boolean,
  changed: boolean,
): Promise<{ reactions: ReactionSummary[]; changed: boolean }> {
  if (!changed) {
    const reactions = await summarize(tenantId, doc.conversationId, doc.seq, doc.reactions);
    if (sameSummary(reactions, doc.reactions ?? [])) return { reactions, changed: false };
  }

  let reactions: ReactionSummary[] = [];
  await appendEvent(
    app,
    {
      tenantId,
      conversationId: doc.conversationId,
      type: 'reaction.changed',
      actorId: userId,
      targetSeq: doc.seq,
      data: { userId, reaction, added },
    },
    async (seq) => {
      reactions = await summarize(tenantId, doc.conversationId, doc.seq, doc.reactions);
      await Message.updateOne(
        { _id: doc._id, tenantId, state: 'active', reactionsSeq: { $lt: seq } },
        { $set: { reactions, reactionsSeq: seq } },
      );
    },
    async (event) => {
      publishChange(app, tenantId, {
        type: 'reaction.changed',
        conversationId: String(doc.conversationId),
        seq: event.seq,
        targetSeq: doc.seq,
        userId,
        reaction,
        added,
        reactions,
      });
    },
  );
  return { reactions, changed };
}

function sameSummary(a: ReactionSummary[], b: ReactionSummary[]): boolean {
  const counts = (list: ReactionSummary[]) =>
    JSON.stringify(list.map((r) => [r.reaction, r.count]).sort());
  return counts(a) === counts(b);
}

/**
 * Counts per kind, most used first, each with a sample of its newest reactors. Ties keep the
 * order the message showed before (`previous`), new kinds after, so chips do not jump around.
 * (The development store has no `$min` accumulator to order ties by first use.)
 */
export async function summarize(
  tenantId: string,
  conversationId: Types.ObjectId,
  seq: number,
  previous: ReactionSummary[] = [],
): Promise<ReactionSummary[]> {
  const groups = await Reaction.aggregate<{ _id: string; count: number }>([
    { $match: { tenantId, conversationId, seq } },
    { $group: { _id: '$reaction', count: { $sum: 1 } } },
  ]);
  const place = (kind: string) => {
    const index = previous.findIndex((r) => r.reaction === kind);
    return index === -1 ? previous.length : index;
  };
  const ordered = groups.sort((a, b) => b.count - a.count || place(a._id) - place(b._id));
  return Promise.all(
    ordered.map(async (group) => {
      const newest = await Reaction.find(
        { tenantId, conversationId, seq, reaction: group._id },
        { userId: 1 },
      )
        .sort({ createdAt: -1, _id: -1 })
        .limit(SAMPLE_SIZE)
        .lean();
      return { reaction: group._id, count: group.count, sample: newest.map((r) => r.userId) };
    }),
  );
}

/** Everyone who reacted one way to a message, by user id, paged. */
export async function listReactors(
  ctx: UserContext,
  input: ParsedRequest<'reaction.list'>,
): Promise<RequestResults['reaction.list']> {
  const doc = await reactableMessage(ctx, input);
  const { page, next } = await pageAfter(
    (after, limit) => {
      const filter: Record<string, unknown> = {
        tenantId: ctx.tenant._id,
        conversationId: doc.conversationId,
        seq: doc.seq,
        reaction: input.reaction,
      };
      if (after !== undefined) filter.userId = { $gt: after };
      return Reaction.find(filter, { userId: 1 }).sort({ userId: 1 }).limit(limit).lean();
    },
    (reaction) => reaction.userId,
    input.limit,
    input.after,
  );
  return { userIds: page.map((r) => r.userId), next };
}
