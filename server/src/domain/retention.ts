import type { Types } from 'mongoose';

import {
  Conversation,
  Delivery,
  Event,
  Hidden,
  Message,
  Reaction,
  Tenant,
  UserEvent,
} from '../store/models/index.js';
import type { TenantDoc } from '../store/models/index.js';

/**
 * Retention: what is older than a tenant's policy (retention days), or than a conversation's
 * disappearing-messages timer, is removed in batches. Each batch removes a set of messages
 * with everything that hangs off them (reactions, delete-for-me marks, the events that point at
 * them) before the messages themselves, so a run killed midway leaves only whole messages, and
 * the next run removes the rest. Between batches the job yields, so traffic goes on.
 */

/** Messages removed per batch. */
const BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionReport {
  messages: number;
  events: number;
  reactions: number;
  hidden: number;
  userEvents: number;
  deliveries: number;
}

const emptyReport = (): RetentionReport => ({
  messages: 0,
  events: 0,
  reactions: 0,
  hidden: 0,
  userEvents: 0,
  deliveries: 0,
});

/** Runs retention for one tenant, or for every tenant with a policy, as of `now`. */
export async function runRetention(
  now: Date,
  tenantId?: string,
  onBatch: (report: RetentionReport) => Promise<void> = async () => undefined,
): Promise<RetentionReport> {
  const report = emptyReport();
  const tenants = tenantId
    ? await Tenant.find({ _id: tenantId }).lean()
    : await Tenant.find({}).lean();
  for (const tenant of tenants) {
    await purgeTenant(tenant, now, report, onBatch);
  }
  return report;
}

async function purgeTenant(
  tenant: TenantDoc,
  now: Date,
  report: RetentionReport,
  onBatch: (report: RetentionReport) => Promise<void>,
): Promise<void> {
  const tenantId = tenant._id;
  const days = tenant.settings.retentionDays;
  if (days > 0) {
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    await purgeMessages({ tenantId, createdAt: { $lt: cutoff } }, report, onBatch);
    report.events += (
      await Event.deleteMany({ tenantId, createdAt: { $lt: cutoff } })
    ).deletedCount;
    report.userEvents += (
      await UserEvent.deleteMany({ tenantId, createdAt: { $lt: cutoff } })
    ).deletedCount;
    report.deliveries += (
      await Delivery.deleteMany({ tenantId, createdAt: { $lt: cutoff } })
    ).deletedCount;
    await clearPreviews({ tenantId }, cutoff);
  }

  const timed = await Conversation.find(
    { tenantId, disappearAfterSeconds: { $gt: 0 } },
    { disappearAfterSeconds: 1 },
  ).lean();
  for (const conversation of timed) {
    const cutoff = new Date(now.getTime() - conversation.disappearAfterSeconds! * 1000);
    const where = { tenantId, conversationId: conversation._id };
    await purgeMessages({ ...where, createdAt: { $lt: cutoff } }, report, onBatch);
    await clearPreviews({ tenantId, _id: conversation._id }, cutoff);
  }
}

/** Removes the messages matching `filter`, batch by batch, dependents first. */
async function purgeMessages(
  filter: Record<string, unknown>,
  report: RetentionReport,
  onBatch: (report: RetentionReport) => Promise<void>,
): Promise<void> {
  for (;;) {
    const batch = await Message.find(filter, { conversationId: 1, seq: 1, tenantId: 1 })
      .limit(BATCH)
      .lean();
    if (batch.length === 0) return;

    const byConversation = new Map<string, { id: Types.ObjectId; seqs: number[] }>();
    for (const doc of batch) {
      const key = String(doc.conversationId);
      const group = byConversation.get(key) ?? { id: doc.conversationId, seqs: [] };
      group.seqs.push(doc.seq);
      byConversation.set(key, group);
    }
    const tenantId = batch[0]!.tenantId;
    for (const { id, seqs } of byConversation.values()) {
      const where = { tenantId, conversationId: id };
      report.reactions += (
        await Reaction.deleteMany({ ...where, seq: { $in: seqs } })
      ).deletedCount;
      report.hidden += (await Hidden.deleteMany({ ...where, seq: { $in: seqs } })).deletedCount;
      report.events += (
        await Event.deleteMany({ ...where, targetSeq: { $in: seqs } })
      ).deletedCount;
    }
    const removed = await Message.deleteMany({ _id: { $in: batch.map((d) => d._id) } });
    report.messages += removed.deletedCount;
    await onBatch(report);
    // Let other work on this process run between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A preview must not outlive the message it shows. */
async function clearPreviews(filter: Record<string, unknown>, cutoff: Date): Promise<void> {
  await Conversation.updateMany(
    { ...filter, 'lastMessage.createdAt': { $lt: cutoff } },
    { $set: { lastMessage: null } },
  );
}
