import { randomId } from '../auth/ids.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { userRoom } from '../realtime/rooms.js';
import {
  Contact,
  Conversation,
  DataRequest,
  ExportPart,
  Hidden,
  Member,
  Message,
  NotificationMark,
  PushSubscription,
  Reaction,
  User,
  UserEvent,
} from '../store/models/index.js';
import type { DataRequestDoc, MessageDoc } from '../store/models/index.js';
import { depart } from './departures.js';
import { eraseMessage } from './message-changes.js';
import { retractReactionsOf } from './reactions.js';
import { cachedTenant } from './tenants.js';
import { emitWebhookEvent } from './webhooks.js';

/**
 * A user's data, on the tenant's request: an export (a JSON Lines archive of their profile,
 * contacts, memberships, the messages they sent and their reactions) or an erase (their
 * messages become tombstones for everyone, their reactions are taken back, they leave every
 * conversation, and their record keeps only an anonymous shell). Both run as jobs; the request
 * record shows their progress.
 */

/** Messages read per page while exporting or erasing. */
const PAGE = 500;
/** The name an erased user's record keeps. */
export const ERASED_NAME = 'Deleted user';

export function dataRequestView(doc: DataRequestDoc) {
  return {
    id: doc._id,
    userId: doc.userId,
    kind: doc.kind,
    status: doc.status,
    progress: doc.progress as Record<string, number>,
    parts: doc.parts,
    error: doc.error ?? null,
    createdAt: new Date(doc.createdAt).toISOString(),
    finishedAt: doc.finishedAt ? new Date(doc.finishedAt).toISOString() : null,
  };
}

/** Records a request and queues its job. */
export async function requestUserData(
  app: AppContext,
  tenantId: string,
  userId: string,
  kind: 'export' | 'erase',
) {
  if (!(await User.exists({ tenantId, userId }))) throw notFound('User');
  const made = await DataRequest.create({
    _id: randomId(kind === 'export' ? 'exp' : 'era', 12),
    tenantId,
    userId,
    kind,
  });
  const job = kind === 'export' ? 'user.export' : 'user.erase';
  await app.jobs.add(job, { tenantId, requestId: made._id }, { jobId: made._id });
  return dataRequestView(made.toObject() as DataRequestDoc);
}

export async function getDataRequest(tenantId: string, requestId: string) {
  const doc = await DataRequest.findOne({ _id: requestId, tenantId }).lean();
  if (!doc) throw notFound('Request');
  return dataRequestView(doc);
}

async function setProgress(request: DataRequestDoc, set: Record<string, unknown>) {
  await DataRequest.updateOne({ _id: request._id, tenantId: request.tenantId }, { $set: set });
}

const line = (record: Record<string, unknown>) => `${JSON.stringify(record)}\n`;

function messageLine(doc: MessageDoc) {
  return line({
    kind: 'message',
    conversationId: String(doc.conversationId),
    seq: doc.seq,
    text: doc.text,
    state: doc.state,
    replyToSeq: doc.replyToSeq ?? null,
    createdAt: doc.createdAt.toISOString(),
    editedAt: doc.editedAt ? new Date(doc.editedAt).toISOString() : null,
  });
}

/**
 * Writes the archive part by part. A retry starts over, removing the parts of the attempt
 * before, so an archive is never half one run and half another.
 */
export async function runExport(tenantId: string, requestId: string): Promise<number> {
  const request = await DataRequest.findOne({ _id: requestId, tenantId }).lean();
  if (!request) return 0;
  await ExportPart.deleteMany({ tenantId, requestId });
  await setProgress(request, { status: 'running', progress: {} });
  const userId = request.userId;
  let index = 0;
  const write = async (lines: string) => {
    await ExportPart.create({ tenantId, requestId, index, lines });
    index += 1;
  };

  const user = await User.findOne({ tenantId, userId }).lean();
  if (!user) throw notFound('User');
  const contacts = await Contact.find({ tenantId, ownerId: userId }).lean();
  const members = await Member.find({ tenantId, userId }).lean();
  const conversations = await Conversation.find(
    { tenantId, _id: { $in: members.map((m) => m.conversationId) } },
    { type: 1, title: 1 },
  ).lean();
  const byId = new Map(conversations.map((c) => [String(c._id), c]));
  await write(
    line({
      kind: 'user',
      id: user.userId,
      name: user.name,
      avatarUrl: user.avatarUrl ?? null,
      custom: user.custom,
      createdAt: new Date(user.createdAt).toISOString(),
      lastSeenAt: user.lastSeenAt ? new Date(user.lastSeenAt).toISOString() : null,
    }) +
      contacts
        .map((c) =>
          line({ kind: 'contact', userId: c.userId, status: c.status, blocked: c.blocked }),
        )
        .join('') +
      members
        .map((m) =>
          line({
            kind: 'membership',
            conversationId: String(m.conversationId),
            type: byId.get(String(m.conversationId))?.type ?? null,
            title: byId.get(String(m.conversationId))?.title ?? null,
            role: m.role,
            status: m.status,
            joinedAt: new Date(m.joinedAt).toISOString(),
          }),
        )
        .join(''),
  );

  let messages = 0;
  for (const member of members) {
    let afterSeq = 0;
    for (;;) {
      const page = await Message.find({
        tenantId,
        conversationId: member.conversationId,
        senderId: userId,
        type: 'text',
        seq: { $gt: afterSeq },
      })
        .sort({ seq: 1 })
        .limit(PAGE)
        .lean();
      if (page.length === 0) break;
      await write(page.map((doc) => messageLine(doc as MessageDoc)).join(''));
      messages += page.length;
      afterSeq = page.at(-1)!.seq;
      await setProgress(request, { progress: { messages } });
      if (page.length < PAGE) break;
    }
  }
  const reactions = await Reaction.find({ tenantId, userId }).lean();
  if (reactions.length > 0) {
    await write(
      reactions
        .map((r) =>
          line({
            kind: 'reaction',
            conversationId: String(r.conversationId),
            seq: r.seq,
            reaction: r.reaction,
          }),
        )
        .join(''),
    );
  }
  await setProgress(request, {
    status: 'done',
    parts: index,
    progress: {
      messages,
      contacts: contacts.length,
      memberships: members.length,
      reactions: reactions.length,
    },
    finishedAt: new Date(),
  });
  return index;
}

/** The lines of a finished export, part by part, in order. */
export async function* exportLines(tenantId: string, requestId: string): AsyncGenerator<string> {
  const request = await DataRequest.findOne({ _id: requestId, tenantId, kind: 'export' }).lean();
  if (!request || request.status !== 'done') throw notFound('Finished export');
  for (let index = 0; index < request.parts; index += 1) {
    const part = await ExportPart.findOne({ tenantId, requestId, index }).lean();
    if (part) yield part.lines;
  }
}

/**
 * Erases a user, in an order a retry can finish: their messages first (tombstones every member
 * hears of), then their reactions, then their memberships, then what is theirs alone; their
 * record last, so until the end a retry can still find what is left.
 */
export async function runErase(app: AppContext, tenantId: string, requestId: string) {
  const request = await DataRequest.findOne({ _id: requestId, tenantId }).lean();
  if (!request) return;
  const tenant = await cachedTenant(tenantId);
  const userId = request.userId;
  await setProgress(request, { status: 'running' });
  // Cut every live socket first: nothing new comes from this user while erasing.
  await User.updateOne({ tenantId, userId }, { $set: { banned: true } });
  app.io.in(userRoom(tenantId, userId)).disconnectSockets(true);

  let messages = 0;
  for (;;) {
    const page = await Message.find({ tenantId, senderId: userId, type: 'text', state: 'active' })
      .limit(PAGE)
      .lean();
    if (page.length === 0) break;
    for (const doc of page) {
      await eraseMessage(app, tenant, doc as MessageDoc, userId, 'deleted');
      messages += 1;
    }
    await setProgress(request, { progress: { messages } });
  }
  const reactions = await retractReactionsOf(app, tenantId, userId);

  const memberships = await Member.find({ tenantId, userId, status: 'active' }).lean();
  for (const member of memberships) {
    const conversation = await Conversation.findOne({
      _id: member.conversationId,
      tenantId,
    }).lean();
    if (conversation) await depart(app, tenant, conversation, member, 'app', 'removed');
  }
  await Contact.deleteMany({ tenantId, $or: [{ ownerId: userId }, { userId }] });
  for (const model of [Hidden, UserEvent, NotificationMark, PushSubscription] as const) {
    await (model as typeof Hidden).deleteMany({ tenantId, userId });
  }
  await User.updateOne(
    { tenantId, userId },
    {
      $set: {
        name: ERASED_NAME,
        avatarUrl: null,
        custom: {},
        erasedAt: new Date(),
        lastSeenAt: null,
      },
    },
  );
  await setProgress(request, {
    status: 'done',
    progress: { messages, reactions, memberships: memberships.length },
    finishedAt: new Date(),
  });
  await emitWebhookEvent(app, tenantId, 'user.erased', requestId, { userId, requestId });
}

/** Records a request's job as failed for good, with the reason. */
export async function failDataRequest(tenantId: string, requestId: string, reason: string) {
  await DataRequest.updateOne(
    { _id: requestId, tenantId },
    { $set: { status: 'failed', error: reason.slice(0, 500), finishedAt: new Date() } },
  );
}
