import type { ParsedRequest, RequestResults } from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Flag, Message } from '../store/models/index.js';
import { requireReader } from '../domain/membership.js';

/**
 * A user's report of a message they can read, for the staff's review queue. Only text
 * messages of others that are still there can be reported; one flag per reporter and message.
 */
export async function reportMessage(
  ctx: UserContext,
  input: ParsedRequest<'message.report'>,
): Promise<RequestResults['message.report']> {
  const access = await requireReader(ctx, input.conversationId);
  const outside =
    input.seq < access.minSeq || (access.maxSeq !== null && input.seq > access.maxSeq);
  const tenantId = ctx.tenant._id;
  const doc = outside
    ? null
    : await Message.findOne({
        tenantId,
        conversationId: access.conversation._id,
        seq: input.seq,
      }).lean();
  if (!doc || doc.type !== 'text') throw notFound('Message');
  if (doc.state !== 'active') {
    throw new AppError(
      'message_removed',
      `This message was ${doc.state}; there is nothing to report`,
    );
  }
  if (doc.senderId === ctx.userId) {
    throw new AppError('invalid_input', 'You cannot report your own message');
  }

  const key = { tenantId, messageId: String(doc._id), reporterId: ctx.userId };
  const flag = {
    conversationId: doc.conversationId,
    seq: doc.seq,
    senderId: doc.senderId,
    reason: input.reason,
    note: input.note ?? '',
  };
  // Two reports at once by the same user: the loser finds the winner's flag.
  await Flag.updateOne(key, { $setOnInsert: flag }, { upsert: true }).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
  return { reported: true };
}
