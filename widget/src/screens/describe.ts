import type { Conversation, Message, SystemEvent } from '@confab/sdk';

import type { WidgetContext } from '../context.js';
import { fill } from '../strings.js';
import { isolate } from '../text.js';

/** The other user of a direct conversation. */
export function otherUserId(conversation: Conversation, me: string): string | null {
  if (conversation.type !== 'direct') return null;
  return conversation.directUserIds.find((id) => id !== me) ?? me;
}

export function conversationTitle(ctx: WidgetContext, conversation: Conversation): string {
  const other = otherUserId(conversation, ctx.client.userId);
  if (other) return ctx.people.name(other);
  return conversation.title || ctx.strings.title;
}

/** One line about a message, for the conversation list and reply quotes. */
export function messagePreview(ctx: WidgetContext, message: Message, conversation?: Conversation) {
  const s = ctx.strings;
  if (message.type === 'system' && message.system) return systemText(ctx, message.system);
  if (message.state === 'deleted') return s.deleted;
  if (message.state === 'recalled') return s.recalled;
  const mine = message.senderId === ctx.client.userId;
  const prefix = mine
    ? `${s.you}: `
    : conversation?.type === 'group'
      ? `${isolate(ctx.people.name(message.senderId))}: `
      : '';
  return prefix + message.text;
}

export function systemText(ctx: WidgetContext, event: SystemEvent): string {
  const s = ctx.strings;
  const names = event.userIds.map((id) => isolate(ctx.people.name(id)));
  const more = event.userCount - event.userIds.length;
  const users = more > 0 ? `${names.join(', ')} +${more}` : names.join(', ');
  const actor = event.actorId === 'app' ? s.appActor : isolate(ctx.people.name(event.actorId));
  const templates: Record<SystemEvent['action'], string> = {
    'conversation.created': s.sysCreated,
    'conversation.renamed': s.sysRenamed,
    'member.added': s.sysAdded,
    'member.removed': s.sysRemoved,
    'member.left': s.sysLeft,
    'member.role_changed': s.sysRole,
    'owner.changed': s.sysOwner,
  };
  return fill(templates[event.action], { actor, users, title: isolate(event.title ?? '') });
}
