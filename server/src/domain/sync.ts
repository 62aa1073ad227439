import type {
  ConversationChange,
  Message as MessageView,
  ParsedRequest,
  RequestResults,
  UserChange,
} from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';
import { Event, Message, UserEvent } from '../store/models/index.js';
import type { EventDoc, MessageDoc } from '../store/models/index.js';
import { hiddenSeqs } from './hidden.js';
import { refuseAfterLeaving, requireReader } from './membership.js';
import { viewMessages } from './message-views.js';

/**
 * Every shared change of a conversation after `afterSeq`, in seq order, as the same objects
 * the live events carry (messages as they are now). The log is the messages and the events,
 * both keyed by seq, merged. Changes the caller may not see (outside their membership,
 * hidden by them) are left out, but `lastSeq` still moves past them. `lastSeq` is the highest
 * seq stored and read, never the counter: a seq taken by a write still in flight must not be
 * skipped, since its change may be stored a moment later.
 */
export async function syncConversation(
  ctx: UserContext,
  input: ParsedRequest<'sync.conversation'>,
): Promise<RequestResults['sync.conversation']> {
  const tenantId = ctx.tenant._id;
  const access = await requireReader(ctx, input.conversationId);
  refuseAfterLeaving(access, input.afterSeq);
  const conversationId = access.conversation._id;
  const upper = access.maxSeq ?? access.conversation.lastSeq;
  const lower = Math.max(input.afterSeq, access.minSeq - 1);
  if (lower >= upper) return { changes: [], hasMore: false, lastSeq: input.afterSeq };

  const range = { $gt: lower, $lte: upper };
  const [messages, events] = await Promise.all([
    Message.find({ tenantId, conversationId, seq: range })
      .sort({ seq: 1 })
      .limit(input.limit)
      .lean(),
    Event.find({ tenantId, conversationId, seq: range }).sort({ seq: 1 }).limit(input.limit).lean(),
  ]);
  const entries = [
    ...messages.map((doc) => ({ seq: doc.seq, message: doc as MessageDoc })),
    ...events.map((doc) => ({ seq: doc.seq, event: doc as EventDoc })),
  ]
    .sort((a, b) => a.seq - b.seq)
    .slice(0, input.limit);
  const hasMore = entries.length === input.limit && entries.at(-1)!.seq < upper;
  const lastSeq = Math.max(input.afterSeq, entries.at(-1)?.seq ?? 0);

  const targets = await targetsOf(tenantId, conversationId, events, messages as MessageDoc[]);
  const hidden = new Set(await hiddenSeqs(tenantId, conversationId, ctx.userId));
  const visible = (doc: MessageDoc | undefined): doc is MessageDoc =>
    doc !== undefined && doc.seq >= access.minSeq && !hidden.has(doc.seq);
  const views = new Map<number, MessageView>();
  const shown = [...targets.values()].filter(visible);
  for (const view of await viewMessages(tenantId, shown, ctx.userId)) views.set(view.seq, view);

  const id = input.conversationId;
  const changes: ConversationChange[] = [];
  for (const entry of entries) {
    if ('message' in entry) {
      const view = views.get(entry.seq);
      if (view)
        changes.push({ type: 'message.new', conversationId: id, seq: entry.seq, message: view });
      continue;
    }
    const event = entry.event!;
    if (event.type === 'conversation.updated') {
      changes.push({
        type: 'conversation.updated',
        conversationId: id,
        seq: event.seq,
        ...(event.data as object),
      } as ConversationChange);
      continue;
    }
    const target = views.get(event.targetSeq ?? -1);
    if (!target) continue;
    if (event.type === 'reaction.changed') {
      const data = event.data as { userId: string; reaction: string; added: boolean };
      changes.push({
        type: 'reaction.changed',
        conversationId: id,
        seq: event.seq,
        targetSeq: target.seq,
        userId: data.userId,
        reaction: data.reaction,
        added: data.added,
        reactions: target.reactions,
      });
      continue;
    }
    changes.push({
      type: event.type,
      conversationId: id,
      seq: event.seq,
      message: target,
    } as ConversationChange);
  }
  return { changes, hasMore, lastSeq };
}

/** The messages a page of the log shows or points at, by seq. */
async function targetsOf(
  tenantId: string,
  conversationId: MessageDoc['conversationId'],
  events: { targetSeq?: number | null }[],
  messages: MessageDoc[],
): Promise<Map<number, MessageDoc>> {
  const bySeq = new Map(messages.map((m) => [m.seq, m]));
  const missing = [
    ...new Set(
      events.map((e) => e.targetSeq).filter((s): s is number => s != null && !bySeq.has(s)),
    ),
  ];
  if (missing.length > 0) {
    const found = await Message.find({ tenantId, conversationId, seq: { $in: missing } }).lean();
    for (const doc of found) bySeq.set(doc.seq, doc as MessageDoc);
  }
  return bySeq;
}

/** Every private change of the caller after `afterSeq`, in userSeq order. */
export async function syncUser(
  ctx: UserContext,
  input: ParsedRequest<'sync.user'>,
): Promise<RequestResults['sync.user']> {
  const tenantId = ctx.tenant._id;
  const docs = await UserEvent.find({ tenantId, userId: ctx.userId, seq: { $gt: input.afterSeq } })
    .sort({ seq: 1 })
    .limit(input.limit + 1)
    .lean();
  const page = docs.slice(0, input.limit);
  const hasMore = docs.length > input.limit;
  const changes = page.map(
    (doc) => ({ ...(doc.data as object), type: doc.type, userSeq: doc.seq }) as UserChange,
  );
  // The highest seq read, not the user's counter: see syncConversation.
  const lastSeq = page.at(-1)?.seq ?? input.afterSeq;
  return { changes, hasMore, lastSeq };
}
