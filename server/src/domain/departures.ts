import type { Types } from 'mongoose';

import type { AppContext } from '../context.js';
import { moveSockets } from '../realtime/publish.js';
import { Member } from '../store/models/index.js';
import type { ConversationDoc, MemberDoc, TenantDoc } from '../store/models/index.js';
import { inConversationQueue } from './change-log.js';
import { appendSystemMessage, recountMembers } from './enrolment.js';
import { appendUserChange } from './user-log.js';
import { emitWebhookEvent } from './webhooks.js';

export type DepartureReason = 'left' | 'removed';

/**
 * Takes a member out of a conversation, because they left or were removed (`actorId` did it).
 * From the first step on they receive nothing more: their sockets leave the room on every
 * node before anything else is written. Then the system message, whose seq is where their
 * reading stops; their membership and the member count change before that message is pushed,
 * so members who hear of it read the new state. Then ownership passes on if they owned the
 * group; last, `conversation.left` reaches all their devices. Each step is safe to run again,
 * so a retry after a crash finishes the departure.
 */
export async function depart(
  app: AppContext,
  tenant: TenantDoc,
  conversation: ConversationDoc,
  member: MemberDoc,
  actorId: string,
  reason: DepartureReason,
): Promise<void> {
  const tenantId = tenant._id;
  const conversationId = conversation._id;
  const userId = member.userId;
  moveSockets(app.io, tenantId, [userId], String(conversationId), 'leave');

  const settle = async (leftSeq: number) => {
    await Member.updateOne(
      { _id: member._id, tenantId, status: 'active' },
      { $set: { status: reason, leftSeq, role: 'member' } },
    );
    await recountMembers(tenantId, conversationId);
  };
  const leftSeq = await appendSystemMessage(
    app,
    tenantId,
    conversationId,
    actorId,
    `${reason}:${userId}:${member.joinSeq}`,
    { action: reason === 'left' ? 'member.left' : 'member.removed', userIds: [userId] },
    settle,
  );
  // A retry whose message a crashed attempt stored settles the membership here.
  await inConversationQueue(app, conversationId, () => settle(leftSeq));

  if (member.role === 'owner' && conversation.type === 'group') {
    await passOwnership(app, tenantId, conversationId, userId, leftSeq);
  }
  await appendUserChange(app, tenantId, userId, {
    type: 'conversation.left',
    conversationId: String(conversationId),
    reason,
  });
  const id = String(conversationId);
  void emitWebhookEvent(app, tenantId, 'member.left', `${id}:${leftSeq}`, {
    conversationId: id,
    userId,
    reason,
    actorId,
  });
}

/**
 * Gives a group whose owner left a new owner: the admin who has been there longest, else the
 * member who has. A group nobody is left in keeps no owner.
 */
async function passOwnership(
  app: AppContext,
  tenantId: string,
  conversationId: Types.ObjectId,
  formerOwner: string,
  leftSeq: number,
): Promise<void> {
  const base = { tenantId, conversationId, status: 'active' };
  const heir =
    (await Member.findOne({ ...base, role: 'admin' })
      .sort({ joinedAt: 1, _id: 1 })
      .lean()) ?? (await Member.findOne(base).sort({ joinedAt: 1, _id: 1 }).lean());
  if (!heir) return;

  await Member.updateOne({ _id: heir._id, tenantId }, { $set: { role: 'owner' } });
  await appendSystemMessage(app, tenantId, conversationId, formerOwner, `owner:${leftSeq}`, {
    action: 'owner.changed',
    userIds: [heir.userId],
    role: 'owner',
  });
}
