import { codePointLength } from '@confab/sdk/protocol';
import type { MessagePage, ParsedRequest, RequestResults } from '@confab/sdk/protocol';
import { Types } from 'mongoose';

import type { AppContext, UserContext } from '../context.js';
import { AppError } from '../errors.js';
import { screenSend } from '../moderation/send-limits.js';
import { Member, Message } from '../store/models/index.js';
import type { ConversationDoc, MessageDoc, TenantDoc } from '../store/models/index.js';
import { assertNotBlocked } from './blocks.js';
import { hiddenSeqs } from './hidden.js';
import { appendMessage } from './change-log.js';
import { refuseAfterLeaving, requireMembership, requireReader } from './membership.js';
import { viewMessage, viewMessages } from './message-views.js';
import { scheduleNotifications } from './notifications.js';
import { emitWebhookEvent } from './webhooks.js';

/**
 * Stores a message and answers only once it is stored. A client id already used by this
 * sender in this conversation returns the original message (`duplicate: true`) and stores
 * nothing. The sender is always the authenticated user.
 */
export async function sendMessage(
  ctx: UserContext,
  input: ParsedRequest<'message.send'>,
): Promise<RequestResults['message.send']> {
  const { conversation } = await requireMembership(ctx, input.conversationId);
  if (conversation.readOnly) {
    throw new AppError('read_only', 'This conversation is read-only');
  }
  if (conversation.type === 'direct') {
    const other = conversation.directUserIds.find((id) => id !== ctx.userId);
    if (other) await assertNotBlocked(ctx.tenant._id, ctx.userId, other);
  }
  const text = await screenSend(ctx, input.text);
  return postMessage(ctx.app, ctx.tenant, conversation, ctx.userId, { ...input, text });
}

export interface PostInput {
  clientId: string;
  text: string;
  replyToSeq?: number | undefined;
  mentions?: string[] | undefined;
}

/**
 * Stores and broadcasts a text message from `senderId`, whose right to post the caller has
 * checked: a member's send, or a post by the tenant's backend or staff.
 */
export async function postMessage(
  app: AppContext,
  tenant: TenantDoc,
  conversation: ConversationDoc,
  senderId: string,
  input: PostInput,
): Promise<RequestResults['message.send']> {
  const tenantId = tenant._id;
  const conversationId = conversation._id;
  const limit = tenant.settings.maxMessageLength;
  if (codePointLength(input.text) > limit) {
    throw new AppError('invalid_input', `Message text is longer than ${limit} characters`, {
      details: [{ path: ['text'], code: 'too_big', message: `at most ${limit} characters` }],
    });
  }
  if (input.replyToSeq !== undefined) {
    const target = await Message.exists({ tenantId, conversationId, seq: input.replyToSeq });
    if (!target) {
      throw new AppError('not_found', 'The message replied to does not exist', {
        details: [{ path: ['replyToSeq'], code: 'unknown_message', message: 'no such seq' }],
      });
    }
  }
  const mentions = await memberIdsAmong(tenantId, conversationId, input.mentions ?? []);

  const { doc, duplicate } = await appendMessage(app, {
    tenantId,
    conversationId,
    senderId,
    clientId: input.clientId,
    type: 'text',
    text: input.text,
    replyToSeq: input.replyToSeq ?? null,
    mentions,
  });
  const message = await viewMessage(tenantId, doc, senderId);
  if (!duplicate) {
    // Off the ack's path: the job queue is told, and it does the rest later.
    void scheduleNotifications(app, tenant, String(conversationId));
    void emitWebhookEvent(
      app,
      tenantId,
      'message.new',
      `${String(conversationId)}:${doc.seq}`,
      { message },
      {
        conversationId: String(conversationId),
        seq: doc.seq,
      },
    );
  }
  return { message, duplicate };
}

/** Those of `userIds` who are active members, in the order given, without repeats. */
async function memberIdsAmong(
  tenantId: string,
  conversationId: Types.ObjectId,
  userIds: string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const unique = [...new Set(userIds)];
  const found = await Member.find(
    { tenantId, conversationId, userId: { $in: unique }, status: 'active' },
    { userId: 1 },
  ).lean();
  const members = new Set(found.map((m) => m.userId));
  return unique.filter((id) => members.has(id));
}

/**
 * One page of history in ascending seq order, without the messages the caller hid. Without a
 * bound it is the newest page; `beforeSeq` pages back, `afterSeq` pages forward.
 */
export async function listMessages(
  ctx: UserContext,
  input: ParsedRequest<'message.list'>,
): Promise<MessagePage> {
  const conversationId = new Types.ObjectId(input.conversationId);
  const access = await requireReader(ctx, conversationId);
  refuseAfterLeaving(access, input.afterSeq);

  const forward = input.afterSeq !== undefined;
  const seq: Record<string, number> = forward
    ? { $gt: Math.max(input.afterSeq ?? 0, access.minSeq - 1) }
    : { $lt: input.beforeSeq ?? Number.MAX_SAFE_INTEGER, $gte: access.minSeq };
  if (access.maxSeq !== null) seq.$lte = access.maxSeq;

  const hidden = await hiddenSeqs(ctx.tenant._id, conversationId, ctx.userId);
  if (hidden.length > 0) seq.$nin = hidden as never;
  const docs = await Message.find({ tenantId: ctx.tenant._id, conversationId, seq })
    .sort({ seq: forward ? 1 : -1 })
    .limit(input.limit + 1)
    .lean();

  const hasMore = docs.length > input.limit;
  const page = docs.slice(0, input.limit) as MessageDoc[];
  if (!forward) page.reverse();
  return { messages: await viewMessages(ctx.tenant._id, page, ctx.userId), hasMore };
}
