import { field } from '@confab/sdk/protocol';
import { z } from 'zod';

import { updateConversationAs } from '../domain/groups.js';
import { loadConversation } from '../domain/membership.js';
import { Conversation, Member } from '../store/models/index.js';
import type { ConversationDoc } from '../store/models/index.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { staffActor } from './context.js';
import {
  boolFilter,
  containsText,
  idFilter,
  listQuery,
  objectId,
  objectIds,
  findPage,
} from './list-query.js';

/** Conversations as staff see them: every one of the tenant's, whoever is in it. */

/** Most conversations a member filter looks through; a user in more sees the newest joined. */
const MEMBER_FILTER_LIMIT = 5_000;

export const conversationFilter = z.object({
  id: idFilter,
  q: z.string().max(200).optional(),
  type: z.enum(['direct', 'group']).optional(),
  readOnly: boolFilter,
  memberId: field.userId.optional(),
});

const sortable = {
  lastActivityAt: 'lastActivityAt',
  createdAt: 'createdAt',
  title: 'title',
  memberCount: 'memberCount',
  lastSeq: 'lastSeq',
};

export const conversationEditSchema = z.object({ readOnly: z.boolean() });

export function adminConversationView(doc: ConversationDoc) {
  const last = doc.lastMessage;
  return {
    id: String(doc._id),
    type: doc.type,
    title: doc.title ?? null,
    directUserIds: [...(doc.directUserIds ?? [])],
    createdBy: doc.createdBy,
    memberCount: doc.memberCount,
    readOnly: Boolean(doc.readOnly),
    lastSeq: doc.lastSeq,
    lastMessage: last
      ? {
          seq: last.seq,
          senderId: last.senderId,
          type: last.type,
          state: last.state,
          text: last.state === 'active' ? last.text : '',
          createdAt: last.createdAt,
        }
      : null,
    createdAt: doc.createdAt,
    lastActivityAt: doc.lastActivityAt,
  };
}

export async function listConversations(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, sortable, 'DESC', conversationFilter);
  const tenantId = ctx.tenant._id;
  const where: Record<string, unknown> = { tenantId };
  const { id, q, type, readOnly, memberId } = list.filter;
  const ids = id ? objectIds(id) : undefined;
  if (memberId) {
    const members = await Member.find({ tenantId, userId: memberId }, { conversationId: 1 })
      .sort({ joinedAt: -1 })
      .limit(MEMBER_FILTER_LIMIT)
      .lean();
    const theirs = members.map((m) => String(m.conversationId));
    where._id = {
      $in: objectIds(ids ? ids.map(String).filter((i) => theirs.includes(i)) : theirs),
    };
  } else if (ids) {
    where._id = { $in: ids };
  }
  if (q) where.title = containsText(q);
  if (type) where.type = type;
  if (readOnly !== undefined) where.readOnly = readOnly;

  const { docs, total } = await findPage<ConversationDoc>(Conversation, where, list);
  return { data: docs.map((doc) => adminConversationView(doc)), total };
}

export async function getAdminConversation(ctx: AdminContext, id: string) {
  return adminConversationView(
    await loadConversation(ctx.tenant._id, objectId(id, 'Conversation')),
  );
}

/**
 * Switches read-only: members then get `read_only` on send, while staff may still post. The
 * switch is a logged change (`conversation.updated`), so members' devices hear of it at once.
 */
export async function setReadOnly(ctx: AdminContext, id: string, readOnly: boolean) {
  const conversation = await loadConversation(ctx.tenant._id, objectId(id, 'Conversation'));
  await updateConversationAs(ctx.app, ctx.tenant, conversation, staffActor(ctx.admin), {
    readOnly,
  });
  await audit(
    ctx,
    'conversation.readOnly',
    { type: 'conversation', id },
    { readOnly: Boolean(conversation.readOnly) },
    { readOnly },
  );
  return getAdminConversation(ctx, id);
}
