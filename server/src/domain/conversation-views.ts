import type { Conversation } from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';
import { Member } from '../store/models/index.js';
import type { ConversationDoc, MemberDoc } from '../store/models/index.js';
import { countUnread } from './unread.js';
import { conversationView } from './views.js';

/** Conversations as one user sees them: with their role, read position and unread count. */
export async function viewConversations(
  ctx: UserContext,
  docs: ConversationDoc[],
): Promise<Conversation[]> {
  if (docs.length === 0) return [];
  const members = await Member.find({
    tenantId: ctx.tenant._id,
    userId: ctx.userId,
    conversationId: { $in: docs.map((d) => d._id) },
  }).lean();
  const byConversation = new Map(members.map((m) => [String(m.conversationId), m as MemberDoc]));

  return Promise.all(
    docs.map(async (doc) => {
      const member = byConversation.get(String(doc._id));
      const active = member?.status === 'active';
      return conversationView(doc, {
        settings: ctx.tenant.settings,
        member: active ? member : null,
        unreadCount: active ? await countUnread(doc, member) : 0,
      });
    }),
  );
}

export async function viewConversation(
  ctx: UserContext,
  doc: ConversationDoc,
): Promise<Conversation> {
  const [view] = await viewConversations(ctx, [doc]);
  return view!;
}
