import type { Conversation as ConversationView, MemberRole } from '@confab/sdk/protocol';
import type { Types } from 'mongoose';

import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { moveSockets } from '../realtime/publish.js';
import { Conversation, Member } from '../store/models/index.js';
import type { ConversationDoc, TenantDoc } from '../store/models/index.js';
import { appendMessage, inConversationQueue } from './change-log.js';
import { loadConversation } from './membership.js';
import { appendUserChanges } from './user-log.js';
import { existingUserIds } from './users.js';
import { emitWebhookEvent } from './webhooks.js';
import { conversationView } from './views.js';

/** How many user ids a system message lists; `userCount` tells the whole number. */
const SYSTEM_MESSAGE_USER_IDS = 20;
const INSERT_CHUNK = 1_000;

export type SystemAction = NonNullable<
  NonNullable<ConversationView['lastMessage']>['system']
>['action'];

export interface SystemFacts {
  action: SystemAction;
  userIds?: string[];
  title?: string;
  role?: MemberRole;
}

/**
 * Records a membership or conversation change as a system message (it takes a seq like any
 * message, so every member's history and sync show it) and pushes it live. `key` must be
 * unique for the change, so a retried change does not write it twice. Answers its seq.
 */
export async function appendSystemMessage(
  app: AppContext,
  tenantId: string,
  conversationId: Types.ObjectId,
  actorId: string,
  key: string,
  facts: SystemFacts,
  beforePublish?: (seq: number) => Promise<void>,
): Promise<number> {
  const userIds = facts.userIds ?? [];
  const system: Record<string, unknown> = {
    action: facts.action,
    actorId,
    userIds: userIds.slice(0, SYSTEM_MESSAGE_USER_IDS),
    userCount: userIds.length,
  };
  if (facts.title !== undefined) system.title = facts.title;
  if (facts.role !== undefined) system.role = facts.role;

  const message = {
    tenantId,
    conversationId,
    senderId: actorId,
    clientId: `system:${key}`,
    type: 'system' as const,
    text: '',
    system: system as never,
  };
  const { doc } = await appendMessage(app, message, async (stored) => {
    await beforePublish?.(stored.seq);
  });
  return doc.seq;
}

export interface Enrolment {
  /** Users who became active members by this call (new, or back after leaving). */
  added: string[];
}

/**
 * Makes users active members of a conversation, whoever asked (a member, the tenant's backend
 * or its staff; the caller checked the right to). Users already active are left as they are;
 * users who left come back with a new join point. Steps, in an order a retry can finish:
 * members are written (bulk inserts for new ones), then the member count, then their sockets
 * join the room and each gets `conversation.joined` on all devices.
 */
export async function enrol(
  app: AppContext,
  tenant: TenantDoc,
  conversationId: Types.ObjectId,
  userIds: string[],
  role: MemberRole = 'member',
): Promise<Enrolment> {
  const tenantId = tenant._id;
  const unique = [...new Set(userIds)];
  const known = await existingUserIds(tenantId, unique);
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError('not_found', 'Some users are not users of this app', {
      details: missing
        .slice(0, 20)
        .map((id) => ({ path: ['userIds'], code: 'unknown_user', message: id })),
    });
  }

  return inConversationQueue(app, conversationId, async () => {
    const conversation = await loadConversation(tenantId, conversationId);
    const existing = await Member.find(
      { tenantId, conversationId, userId: { $in: unique } },
      { userId: 1, status: 1 },
    ).lean();
    const status = new Map(existing.map((m) => [m.userId, m.status]));
    const fresh = unique.filter((id) => !status.has(id));
    const returning = unique.filter((id) => status.has(id) && status.get(id) !== 'active');
    const after = conversation.memberCount + fresh.length + returning.length;
    if (after > tenant.settings.maxGroupSize) {
      throw new AppError(
        'invalid_input',
        `A group holds at most ${tenant.settings.maxGroupSize} members`,
      );
    }

    const joinSeq = conversation.lastSeq;
    await insertMembers(tenantId, conversationId, fresh, role, joinSeq);
    if (returning.length > 0) {
      await Member.updateMany(
        { tenantId, conversationId, userId: { $in: returning }, status: { $ne: 'active' } },
        {
          $set: {
            status: 'active',
            role,
            joinSeq,
            readSeq: joinSeq,
            leftSeq: null,
            joinedAt: new Date(),
          },
        },
      );
    }
    const added = [...fresh, ...returning];
    if (added.length > 0) await recountMembers(tenantId, conversationId);
    return { added };
  }).then(async (enrolment) => {
    if (enrolment.added.length > 0) {
      const conversation = await loadConversation(tenantId, conversationId);
      await announceJoined(app, tenant, conversation, enrolment.added, role);
      const id = String(conversationId);
      const key = `${id}:${conversation.lastSeq}:${enrolment.added[0]}:${enrolment.added.length}`;
      // One event per enrolment: its members listed up to a thousand, with the whole count.
      void emitWebhookEvent(app, tenantId, 'member.joined', key, {
        conversationId: id,
        userIds: enrolment.added.slice(0, 1_000),
        count: enrolment.added.length,
        role,
      });
    }
    return enrolment;
  });
}

async function insertMembers(
  tenantId: string,
  conversationId: Types.ObjectId,
  userIds: string[],
  role: MemberRole,
  joinSeq: number,
): Promise<void> {
  const joinedAt = new Date();
  for (let start = 0; start < userIds.length; start += INSERT_CHUNK) {
    const docs = userIds.slice(start, start + INSERT_CHUNK).map((userId) => ({
      tenantId,
      conversationId,
      userId,
      role,
      status: 'active',
      joinSeq,
      readSeq: joinSeq,
      joinedAt,
    }));
    // Unordered, and a duplicate (the same user added at once by two calls) is no error.
    await Member.insertMany(docs, { ordered: false }).catch((error: unknown) => {
      const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
      if (!writeErrors || writeErrors.some((e) => e.code !== 11000)) throw error;
    });
  }
}

/** Sets the member count from the members themselves, so a retried change cannot skew it. */
export async function recountMembers(
  tenantId: string,
  conversationId: Types.ObjectId,
): Promise<number> {
  const count = await Member.countDocuments({ tenantId, conversationId, status: 'active' });
  await Conversation.updateOne({ _id: conversationId, tenantId }, { $set: { memberCount: count } });
  return count;
}

/**
 * Lets the new members' live sockets join the conversation's room, then records the join in
 * each one's private log, which pushes it, with the conversation as they now see it, to all
 * their devices.
 */
export async function announceJoined(
  app: AppContext,
  tenant: TenantDoc,
  conversation: ConversationDoc,
  userIds: string[],
  role: MemberRole = 'member',
): Promise<void> {
  const id = String(conversation._id);
  moveSockets(app.io, tenant._id, userIds, id, 'join');
  const view = conversationView(conversation, {
    settings: tenant.settings,
    member: { role, readSeq: conversation.lastSeq, muted: false } as never,
    unreadCount: 0,
  });
  await appendUserChanges(
    app,
    tenant._id,
    userIds,
    { type: 'conversation.joined', conversationId: id },
    { conversation: view },
  );
}
