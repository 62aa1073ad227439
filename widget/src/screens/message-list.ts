import type { Conversation, Member, Message, OutboxEntry } from '@confab/sdk';

import type { WidgetContext } from '../context.js';
import { h, icon, icons } from '../dom.js';
import type { Child } from '../dom.js';
import { avatar } from '../people.js';
import { fill } from '../strings.js';
import { formatDay, formatTime, isolate, linkify, sameDay } from '../text.js';
import { messagePreview, systemText } from './describe.js';

export interface ListInput {
  conversation: Conversation | null;
  messages: readonly Message[];
  pending: readonly OutboxEntry[];
  members: readonly Member[];
  loadingOlder: boolean;
  online: boolean;
}

export interface ListActions {
  like(message: Message): void;
  menu(message: Message, anchor: HTMLElement): void;
  reply(message: Message): void;
  retry(entry: OutboxEntry): void;
  discard(entry: OutboxEntry): void;
}

/**
 * The chat's messages as elements: day separators, runs of one sender, tombstones, likes with
 * the likers' avatars, each member's avatar after the last message they read, then the
 * messages still on their way.
 */
export function renderMessages(
  ctx: WidgetContext,
  input: ListInput,
  actions: ListActions,
): Child[] {
  const me = ctx.client.userId;
  const group = input.conversation?.type === 'group';
  const markers = readMarkers(input.messages, input.members, me);
  const out: Child[] = [];
  if (input.loadingOlder)
    out.push(h('div', { class: 'older', role: 'status' }, ctx.strings.loadingOlder));
  let previous: Message | null = null;
  for (const [index, message] of input.messages.entries()) {
    const day = new Date(message.createdAt);
    if (!previous || !sameDay(new Date(previous.createdAt), day)) {
      out.push(
        h('div', { class: 'day', role: 'separator' }, formatDay(message.createdAt, ctx.strings)),
      );
      previous = null;
    }
    if (message.type === 'system' && message.system) {
      out.push(
        h(
          'div',
          { class: 'system', 'data-seq': message.seq, dir: 'auto' },
          systemText(ctx, message.system),
        ),
      );
    } else {
      const continued = previous?.type === 'text' && previous.senderId === message.senderId;
      const ends = endsRun(message, input.messages[index + 1], markers.has(message.seq));
      out.push(bubble(ctx, message, { continued, ends, group }, actions));
    }
    const readers = markers.get(message.seq);
    if (readers) out.push(readRow(ctx, readers));
    previous = message;
  }
  for (const entry of input.pending) out.push(pendingBubble(ctx, entry, input.online, actions));
  return out;
}

/** Times show once per run: a run ends at another sender, a gap of minutes, or a read mark. */
const RUN_GAP_MS = 5 * 60_000;

function endsRun(message: Message, next: Message | undefined, marked: boolean): boolean {
  if (!next || marked || next.type !== 'text' || next.senderId !== message.senderId) return true;
  return Date.parse(next.createdAt) - Date.parse(message.createdAt) > RUN_GAP_MS;
}

/**
 * Where each member's avatar goes: after the last held message at or below their read
 * position, or their own newest message when that is later (sending does not move it).
 */
export function readMarkers(messages: readonly Message[], members: readonly Member[], me: string) {
  const newestOwn = new Map<string, number>();
  for (const message of messages) newestOwn.set(message.senderId, message.seq);
  const markers = new Map<number, string[]>();
  for (const member of members) {
    if (member.userId === me) continue;
    const position = Math.max(member.readSeq, newestOwn.get(member.userId) ?? 0);
    let at: number | null = null;
    for (const message of messages) {
      if (message.seq > position) break;
      at = message.seq;
    }
    if (at !== null) markers.set(at, [...(markers.get(at) ?? []), member.userId]);
  }
  return markers;
}

function readRow(ctx: WidgetContext, userIds: string[]): HTMLElement {
  const names = userIds.map((id) => isolate(ctx.people.name(id))).join(', ');
  return h(
    'div',
    {
      class: 'reads',
      'data-readers': userIds.join(' '),
      role: 'img',
      'aria-label': fill(ctx.strings.readBy, { names }),
    },
    ...userIds.map((id) => avatar(ctx.people.face(id), 'xs')),
  );
}

function bubble(
  ctx: WidgetContext,
  message: Message,
  place: { continued: boolean; ends: boolean; group: boolean },
  actions: ListActions,
): HTMLElement {
  const s = ctx.strings;
  const mine = message.senderId === ctx.client.userId;
  const sender = ctx.people.get(message.senderId);
  const removed = message.state !== 'active';
  const content: Child[] = [];
  if (message.replyTo && !removed) {
    const quoted =
      message.replyTo.state === 'active'
        ? `${isolate(ctx.people.name(message.replyTo.senderId))}: ${message.replyTo.text}`
        : message.replyTo.state === 'deleted'
          ? s.deleted
          : s.recalled;
    content.push(h('span', { class: 'quote', dir: 'auto' }, quoted));
  }
  if (removed) content.push(message.state === 'deleted' ? s.deleted : s.recalled);
  else content.push(h('span', { class: 'text' }, ...linkify(message.text)));

  const liked = message.myReactions.includes('like');
  const tools = removed
    ? null
    : h(
        'span',
        { class: 'msg-tools' },
        h(
          'button',
          {
            class: liked ? 'tool liked' : 'tool',
            type: 'button',
            'data-action': 'like',
            'aria-pressed': String(liked),
            'aria-label': liked ? s.unlike : s.like,
            'data-focus-key': `like-${message.seq}`,
            onclick: () => actions.like(message),
          },
          icon(icons.heart),
        ),
        h(
          'button',
          {
            class: 'tool',
            type: 'button',
            'data-action': 'reply',
            'aria-label': s.reply,
            'data-focus-key': `reply-${message.seq}`,
            onclick: () => actions.reply(message),
          },
          icon(icons.reply),
        ),
        h(
          'button',
          {
            class: 'tool',
            type: 'button',
            'data-action': 'menu',
            'aria-haspopup': 'menu',
            'aria-label': s.messageActions,
            'data-focus-key': `menu-${message.seq}`,
            onclick: (event: Event) => actions.menu(message, event.currentTarget as HTMLElement),
          },
          icon(icons.more),
        ),
      );
  const likes = message.reactions.find((r) => r.reaction === 'like');
  const names = likes?.sample.map((id) => isolate(ctx.people.name(id))).join(', ') ?? '';
  const showSender = place.group && !mine && !place.continued;
  return h(
    'div',
    {
      class: `msg${mine ? ' mine' : ''}${place.continued ? ' cont' : ''}`,
      'data-seq': message.seq,
      'data-state': message.state,
      role: 'article',
      'aria-label': `${sender.name}, ${formatTime(message.createdAt)}`,
    },
    !mine && h('span', { class: 'avatar-slot' }, !place.continued && avatar(sender, 'sm')),
    h(
      'div',
      { class: 'stack' },
      showSender && h('span', { class: 'sender', dir: 'auto' }, sender.name),
      h(
        'div',
        { class: 'bubble-line' },
        h('div', { class: removed ? 'bubble tomb' : 'bubble', dir: 'auto' }, ...content),
        tools,
      ),
      likes &&
        likes.count > 0 &&
        h(
          'span',
          {
            class: liked ? 'likes mine-like' : 'likes',
            'data-likes': likes.count,
            'data-likers': likes.sample.join(' '),
            'aria-label': fill(s.likedBy, { names }),
          },
          icon(icons.heart),
          h(
            'span',
            { class: 'likers' },
            ...likes.sample.map((id) => avatar(ctx.people.face(id), 'xs')),
          ),
          likes.count > 1 && h('span', {}, likes.count),
        ),
      (place.ends || message.editedAt) &&
        h(
          'span',
          { class: 'meta' },
          formatTime(message.createdAt),
          message.editedAt && !removed && h('span', {}, `· ${s.edited}`),
        ),
    ),
  );
}

function pendingBubble(
  ctx: WidgetContext,
  entry: OutboxEntry,
  online: boolean,
  actions: ListActions,
): HTMLElement {
  const s = ctx.strings;
  const failed = entry.status === 'failed';
  const state = failed ? s.failed : online ? s.sending : s.waiting;
  return h(
    'div',
    {
      class: 'msg mine',
      'data-client-id': entry.clientId,
      'data-status': entry.status,
      role: 'article',
    },
    h(
      'div',
      { class: 'stack' },
      h(
        'div',
        { class: 'bubble-line' },
        h('div', { class: 'bubble pending-bubble', dir: 'auto' }, ...linkify(entry.text)),
      ),
      h(
        'span',
        {
          class: failed ? 'meta failed' : 'meta',
          role: failed ? 'alert' : null,
          // The server's reason, as a hint; the label itself comes from the strings table.
          title: failed ? (entry.error?.message ?? null) : null,
        },
        state,
        failed &&
          h(
            'button',
            { class: 'link-button', type: 'button', onclick: () => actions.retry(entry) },
            s.retry,
          ),
        failed &&
          h(
            'button',
            { class: 'link-button', type: 'button', onclick: () => actions.discard(entry) },
            s.discard,
          ),
      ),
    ),
  );
}

/** A short quote of a message for the composer's reply line. */
export function quoteOf(ctx: WidgetContext, message: Message): string {
  return messagePreview(ctx, message);
}
