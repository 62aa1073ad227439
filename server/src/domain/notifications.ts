import { createHash } from 'node:crypto';

import { Types } from 'mongoose';
import webpush from 'web-push';

import type { AppContext } from '../context.js';
import { Member, Message, NotificationMark, PushSubscription } from '../store/models/index.js';
import type { ConversationDoc, MemberDoc, TenantDoc } from '../store/models/index.js';
import { hiddenSeqs } from './hidden.js';
import { loadConversation } from './membership.js';
import { cachedTenant } from './tenants.js';
import { countUnread, unreadFilter } from './unread.js';
import { emitWebhookEvent } from './webhooks.js';

/**
 * Offline delivery. A message schedules one job per conversation, a tenant-set delay later;
 * more messages meanwhile fold into it. When it runs, every active, unmuted member who still
 * has unread messages there gets one notification for the conversation (how many, and the
 * newest), through the tenant's `notification` webhook and Web Push. Reading, a recall or a
 * delete before then leaves nothing unread, so nothing goes out. A mark per member records how
 * far they were notified, so a retried job tells nobody twice; a delivery retried after a
 * crash carries the same notification id for the receiver to de-duplicate.
 */

/** Members one job handles; a larger group is notified by one job per slice. */
const SLICE = 500;
/** Characters of the newest message a notification shows. */
const PREVIEW_LENGTH = 100;

/** Schedules the conversation's notification job, unless one is already waiting. */
export async function scheduleNotifications(
  app: AppContext,
  tenant: TenantDoc,
  conversationId: string,
): Promise<void> {
  try {
    await app.jobs.add(
      'notify.conversation',
      { tenantId: tenant._id, conversationId },
      {
        delay: Math.round(tenant.settings.notifyDelaySeconds * 1000),
        deduplication: { id: `notify-${tenant._id}-${conversationId}`, keepLastIfActive: true },
      },
    );
  } catch (error) {
    app.log.warn({ err: error, conversationId }, 'notification job not queued');
  }
}

/** Notifies a conversation's members, itself or, for a large group, by slices of members. */
export async function notifyConversation(
  app: AppContext,
  tenantId: string,
  conversationId: string,
): Promise<{ notified: number; slices: number }> {
  const tenant = await cachedTenant(tenantId);
  const conversation = await loadConversation(tenantId, conversationId).catch(() => null);
  if (!conversation) return { notified: 0, slices: 0 };
  if (conversation.memberCount <= SLICE) {
    const members = await Member.find({ tenantId, conversationId, status: 'active' }).lean();
    return { notified: await notifyMembers(app, tenant, conversation, members), slices: 0 };
  }

  let slices = 0;
  let after: string | null = null;
  for (;;) {
    const filter: Record<string, unknown> = { tenantId, conversationId, status: 'active' };
    if (after !== null) filter.userId = { $gt: after };
    const page = await Member.find(filter, { userId: 1 }).sort({ userId: 1 }).limit(SLICE).lean();
    if (page.length === 0) break;
    const fromUserId = page[0]!.userId;
    const toUserId = page.at(-1)!.userId;
    const key = `${conversationId}\n${conversation.lastMessageSeq}\n${fromUserId}`;
    const jobId = `ntfs-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
    await app.jobs.add(
      'notify.members',
      { tenantId, conversationId, fromUserId, toUserId },
      { jobId },
    );
    slices += 1;
    after = toUserId;
    if (page.length < SLICE) break;
  }
  return { notified: 0, slices };
}

/** Notifies one slice of a large group's members. */
export async function notifyMemberSlice(
  app: AppContext,
  tenantId: string,
  conversationId: string,
  fromUserId: string,
  toUserId: string,
): Promise<number> {
  const tenant = await cachedTenant(tenantId);
  const conversation = await loadConversation(tenantId, conversationId).catch(() => null);
  if (!conversation) return 0;
  const members = await Member.find({
    tenantId,
    conversationId,
    status: 'active',
    userId: { $gte: fromUserId, $lte: toUserId },
  }).lean();
  return notifyMembers(app, tenant, conversation, members);
}

async function notifyMembers(
  app: AppContext,
  tenant: TenantDoc,
  conversation: ConversationDoc,
  members: MemberDoc[],
): Promise<number> {
  const tenantId = tenant._id;
  const conversationId = conversation._id;
  const upTo = conversation.lastMessageSeq;
  // Most members have read everything, or were told already: skip them without a query.
  const candidates = members.filter((m) => !m.muted && m.readSeq < upTo);
  if (candidates.length === 0) return 0;
  const marks = await NotificationMark.find({
    tenantId,
    conversationId,
    userId: { $in: candidates.map((m) => m.userId) },
  }).lean();
  const told = new Map(marks.map((mark) => [mark.userId, mark.notifiedSeq]));

  let notified = 0;
  for (const member of candidates) {
    if ((told.get(member.userId) ?? 0) >= upTo) continue;
    if (await notifyMember(app, tenant, conversation, member)) notified += 1;
  }
  return notified;
}

async function notifyMember(
  app: AppContext,
  tenant: TenantDoc,
  conversation: ConversationDoc,
  member: MemberDoc,
): Promise<boolean> {
  const tenantId = tenant._id;
  const conversationId = String(conversation._id);
  const count = await countUnread(conversation, member);
  if (count === 0) return false;
  const hidden = await hiddenSeqs(tenantId, conversation._id, member.userId, member.readSeq);
  const newest = await Message.findOne(
    unreadFilter(tenantId, conversation._id, member.userId, member.readSeq, hidden),
  )
    .sort({ seq: -1 })
    .lean();
  if (!newest) return false;

  const notification = {
    userId: member.userId,
    conversationId,
    conversation: { type: conversation.type, title: conversation.title ?? null },
    count,
    preview: {
      seq: newest.seq,
      senderId: newest.senderId,
      text: [...newest.text].slice(0, PREVIEW_LENGTH).join(''),
      state: newest.state,
    },
  };
  // The key is the newest message and the recipient: the same notification every time.
  const key = `${conversationId}\n${member.userId}\n${newest.seq}`;
  await emitWebhookEvent(app, tenantId, 'notification', key, notification, {
    conversationId,
    seq: newest.seq,
  });
  await sendPush(app, tenantId, member.userId, notification);
  await NotificationMark.updateOne(
    { tenantId, conversationId: new Types.ObjectId(conversationId), userId: member.userId },
    { $max: { notifiedSeq: newest.seq } },
    { upsert: true },
  );
  return true;
}

interface PushNotification {
  conversationId: string;
  conversation: { title: string | null };
  count: number;
  preview: { seq: number; senderId: string; text: string };
}

/**
 * Sends a Web Push message to each of the user's subscribed browsers, when VAPID keys are
 * configured. A browser that unsubscribed (404 or 410) is forgotten. Other failures are logged
 * and not retried: a push shown twice is worse than one missed, and the webhook still goes.
 */
export async function sendPush(
  app: AppContext,
  tenantId: string,
  userId: string,
  notification: PushNotification,
): Promise<number> {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = app.config;
  if (!VAPID_PUBLIC_KEY || !VAPID_PRIVATE_KEY) return 0;
  const subscriptions = await PushSubscription.find({ tenantId, userId }).lean();
  const payload = JSON.stringify({
    type: 'confab.notification',
    conversationId: notification.conversationId,
    title: notification.conversation.title,
    count: notification.count,
    body: notification.preview.text,
    senderId: notification.preview.senderId,
    seq: notification.preview.seq,
  });
  let sent = 0;
  for (const sub of subscriptions) {
    try {
      await webpush.sendNotification(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        payload,
        {
          TTL: 24 * 60 * 60,
          topic: notification.conversationId.slice(0, 32),
          timeout: app.config.WEBHOOK_TIMEOUT_MS,
          vapidDetails: {
            subject: VAPID_SUBJECT ?? 'mailto:operator@localhost',
            publicKey: VAPID_PUBLIC_KEY,
            privateKey: VAPID_PRIVATE_KEY,
          },
        },
      );
      sent += 1;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        await PushSubscription.deleteOne({ tenantId, endpoint: sub.endpoint });
      } else {
        app.log.warn({ err: error, tenantId, userId }, 'web push failed');
      }
    }
  }
  return sent;
}
