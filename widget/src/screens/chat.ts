import type { Conversation, Member, Message, MessageListView } from '@confab/sdk';

import type { Screen, WidgetContext } from '../context.js';
import { h, icon, icons, replace } from '../dom.js';
import { avatar } from '../people.js';
import { confirmSheet, openMenu, openSheet } from '../sheets.js';
import type { MenuItem } from '../sheets.js';
import { fill } from '../strings.js';
import { formatLastSeen, isolate, truncate } from '../text.js';
import { Composer, errorText } from './composer.js';
import { conversationTitle, messagePreview, otherUserId } from './describe.js';
import { renderMessages } from './message-list.js';
import type { ListActions } from './message-list.js';

/** Scrolling this close to the top pages in older messages, in px. */
const LOAD_OLDER_AT = 80;

/** One conversation: its messages, who read what, who is typing, and the composer. */
export class ChatScreen implements Screen {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly face: HTMLElement;
  private readonly typingEl: HTMLElement;
  private readonly composer: Composer;
  private readonly back: HTMLButtonElement;
  private readonly stops: (() => void)[] = [];
  private conversation: Conversation | null = null;
  private pendingShown = 0;
  private view: MessageListView | null = null;
  private members: readonly Member[] = [];
  private typing: readonly string[] = [];
  private online = false;
  private markedSeq = 0;
  private firstSeq = 0;
  private rendered = false;

  constructor(
    private readonly ctx: WidgetContext,
    private readonly conversationId: string,
  ) {
    const s = ctx.strings;
    this.back = h(
      'button',
      {
        class: 'icon-button',
        type: 'button',
        'aria-label': s.back,
        onclick: () => ctx.go({ screen: 'home', tab: 'chats' }),
      },
      icon(icons.back),
    );
    this.titleEl = h('h2', { dir: 'auto' });
    this.subtitle = h('div', { class: 'subtitle', 'aria-live': 'polite' });
    this.face = h('span', {});
    const menuButton = h(
      'button',
      {
        class: 'icon-button',
        type: 'button',
        'aria-label': s.chatMenu,
        'aria-haspopup': 'menu',
        onclick: () =>
          openMenu(ctx, menuButton, [
            { label: s.leaveChat, danger: true, run: () => void this.leave() },
          ]),
      },
      icon(icons.more),
    );
    const closeButton = ctx.closeButton();
    this.list = h('div', {
      class: 'messages',
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-label': s.title,
    });
    this.scroller = h('div', { class: 'body', tabindex: '0' }, this.list);
    this.scroller.addEventListener('scroll', () => this.maybeLoadOlder(), { passive: true });
    this.typingEl = h('div', { class: 'typing', 'aria-live': 'polite' });
    this.composer = new Composer(ctx, conversationId);
    this.element = h(
      'div',
      { class: 'chat', 'data-conversation': conversationId },
      h(
        'header',
        { class: 'header' },
        this.back,
        this.face,
        h('div', { class: 'header-main' }, this.titleEl, this.subtitle),
        menuButton,
        closeButton,
      ),
      this.scroller,
      this.typingEl,
      this.composer.element,
    );

    const state = ctx.client.state;
    this.stops.push(
      state.conversations().subscribe((list) => {
        this.conversation = list.find((c) => c.id === conversationId) ?? this.conversation;
        this.renderHeader();
      }),
      state.messages(conversationId).subscribe((view) => {
        this.view = view;
        this.renderList();
      }),
      state.members(conversationId).subscribe((view) => {
        this.members = view.members;
        ctx.people.learn(view.members);
        this.composer.members = view.members;
        this.renderList();
        this.renderHeader();
      }),
      state.typing(conversationId).subscribe((ids) => {
        this.typing = ids.filter((id) => id !== ctx.client.userId);
        this.renderTyping();
      }),
      state.presence().subscribe(() => this.renderHeader()),
      state.contacts().subscribe(() => {
        this.renderHeader();
        this.renderList();
      }),
      state.connection().subscribe((c) => {
        this.online = c.status === 'connected';
        this.renderList();
        this.renderHeader();
      }),
    );
    if (!this.conversation) {
      void ctx.client.conversations.get(conversationId).then(
        (c) => {
          this.conversation = c;
          this.renderHeader();
          this.renderList();
        },
        () => undefined,
      );
    }
  }

  focus(): void {
    this.composer.input.focus();
  }

  shown(): void {
    this.markRead();
    if (!this.rendered) return;
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  destroy(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private renderHeader(): void {
    const { ctx } = this;
    const c = this.conversation;
    if (!c) return;
    this.titleEl.textContent = conversationTitle(ctx, c);
    const other = otherUserId(c, ctx.client.userId);
    const presence = other ? ctx.people.online(other) : undefined;
    replace(
      this.face,
      avatar(
        other
          ? ctx.people.get(other)
          : { id: c.id, name: conversationTitle(ctx, c), avatarUrl: c.avatarUrl },
        'sm',
        other ? (presence?.online ?? false) : undefined,
      ),
    );
    // Offline, the last presence heard may be stale: the banner speaks for the connection.
    if (other && !this.online) this.subtitle.textContent = '';
    else
      this.subtitle.textContent = other
        ? presence?.online
          ? ctx.strings.online
          : formatLastSeen(presence?.lastSeenAt ?? null, ctx.strings)
        : fill(ctx.strings.members, { count: c.memberCount });
  }

  private renderTyping(): void {
    const s = this.ctx.strings;
    const names = this.typing.map((id) => isolate(this.ctx.people.name(id)));
    this.typingEl.textContent =
      names.length === 0
        ? ''
        : names.length === 1
          ? fill(s.typingOne, { name: names[0]! })
          : fill(s.typingMany, { count: names.length });
  }

  private renderList(): void {
    const view = this.view;
    if (!view) return;
    const box = this.scroller;
    // The end of the list stays in view, and comes into view when the user sends something.
    const sentNow = view.pending.length > this.pendingShown;
    this.pendingShown = view.pending.length;
    const atBottom =
      !this.rendered || sentNow || box.scrollHeight - box.scrollTop - box.clientHeight < 48;
    const before = { height: box.scrollHeight, top: box.scrollTop };
    const olderAdded = this.firstSeq !== 0 && (view.messages[0]?.seq ?? 0) < this.firstSeq;
    const focusKey = (this.ctx.root.activeElement as HTMLElement | null)?.dataset?.focusKey;

    replace(
      this.list,
      ...renderMessages(
        this.ctx,
        {
          conversation: this.conversation,
          messages: view.messages,
          pending: view.pending,
          members: this.members,
          loadingOlder: view.loadingOlder,
          online: this.online,
        },
        this.actions,
      ),
    );
    this.firstSeq = view.messages[0]?.seq ?? 0;
    this.rendered = true;

    if (atBottom) box.scrollTop = box.scrollHeight;
    else if (olderAdded) box.scrollTop = before.top + (box.scrollHeight - before.height);
    else box.scrollTop = before.top;
    if (focusKey) this.list.querySelector<HTMLElement>(`[data-focus-key="${focusKey}"]`)?.focus();
    this.markRead();
  }

  private maybeLoadOlder(): void {
    const view = this.view;
    if (!view || !view.hasOlder || view.loadingOlder) return;
    if (this.scroller.scrollTop > LOAD_OLDER_AT) return;
    void this.ctx.client.messages.loadOlder(this.conversationId).catch(() => undefined);
  }

  /** Moves the read position to the newest message while the user can see the chat. */
  private markRead(): void {
    const newest = this.view?.messages.at(-1);
    if (!newest || !this.ctx.visible()) return;
    const readSeq = Math.max(this.conversation?.me?.readSeq ?? 0, this.markedSeq);
    if (newest.seq <= readSeq) return;
    this.markedSeq = newest.seq;
    void this.ctx.client.reads.mark(this.conversationId, newest.seq).catch(() => {
      this.markedSeq = 0;
    });
  }

  private readonly actions: ListActions = {
    like: (message) => {
      const { reactions } = this.ctx.client;
      const liked = message.myReactions.includes('like');
      const done = liked
        ? reactions.remove(this.conversationId, message.seq, 'like')
        : reactions.add(this.conversationId, message.seq, 'like');
      done.catch((error: unknown) => this.ctx.toast(errorText(this.ctx, error)));
    },
    reply: (message) => this.composer.startReply(message),
    menu: (message, anchor) => openMenu(this.ctx, anchor, this.menuItems(message)),
    retry: (entry) => void this.ctx.client.messages.retry(entry.clientId).catch(() => undefined),
    discard: (entry) => void this.ctx.client.messages.cancel(entry.clientId),
  };

  private menuItems(message: Message): MenuItem[] {
    const { ctx, conversationId } = this;
    const s = ctx.strings;
    const messages = ctx.client.messages;
    const mine = message.senderId === ctx.client.userId;
    const age = Date.now() - new Date(message.createdAt).getTime();
    const conversation = this.conversation;
    const editWindow = windowMs(ctx.editWindowMs, conversation?.editWindowSeconds);
    const recallWindow = windowMs(ctx.recallWindowMs, conversation?.recallWindowSeconds);
    const run = (work: () => Promise<unknown>) => () =>
      void work().catch((error: unknown) => ctx.toast(errorText(ctx, error)));
    const items: MenuItem[] = [
      { label: s.reply, run: () => this.composer.startReply(message) },
      { label: s.details, run: () => void this.details(message) },
    ];
    if (mine && age < editWindow)
      items.push({ label: s.edit, run: () => this.composer.startEdit(message) });
    items.push({
      label: s.deleteForMe,
      run: run(() => messages.hide(conversationId, message.seq)),
    });
    if (mine && age < recallWindow) {
      items.push({
        label: s.recall,
        danger: true,
        run: run(() => messages.recall(conversationId, message.seq)),
      });
    }
    if (mine) {
      items.push({
        label: s.deleteForEveryone,
        danger: true,
        run: run(async () => {
          if (await confirmSheet(ctx, s.deleteForEveryone, s.confirm)) {
            await messages.delete(conversationId, message.seq);
          }
        }),
      });
    }
    return items;
  }

  /** Who has read the message and who has not, from the server's receipts. */
  private async details(message: Message): Promise<void> {
    const { ctx } = this;
    const s = ctx.strings;
    try {
      const [read, unread] = await Promise.all([
        ctx.client.reads.receipts({
          conversationId: this.conversationId,
          seq: message.seq,
          state: 'read',
        }),
        ctx.client.reads.receipts({
          conversationId: this.conversationId,
          seq: message.seq,
          state: 'unread',
        }),
      ]);
      const people = (ids: string[], state: string) =>
        ids.length === 0
          ? h('p', { class: 'subtitle' }, s.nobody)
          : h(
              'ul',
              { class: 'list', 'data-receipts': state },
              ...ids.map((id) =>
                h(
                  'li',
                  { class: 'person', 'data-user': id },
                  avatar(ctx.people.face(id), 'sm'),
                  h('span', { dir: 'auto' }, ctx.people.name(id)),
                ),
              ),
            );
      const close = openSheet(ctx, s.details, [
        h('p', { class: 'quote', dir: 'auto' }, truncate(messagePreview(ctx, message), 120)),
        h('h3', {}, `${s.readByTitle} · ${read.readCount}`),
        people(read.userIds, 'read'),
        h('h3', {}, `${s.notReadTitle} · ${read.unreadCount}`),
        people(unread.userIds, 'unread'),
        h(
          'div',
          { class: 'sheet-actions' },
          h('button', { class: 'secondary', type: 'button', onclick: () => close() }, s.close),
        ),
      ]);
    } catch (error) {
      ctx.toast(errorText(ctx, error));
    }
  }

  private async leave(): Promise<void> {
    const { ctx } = this;
    if (!(await confirmSheet(ctx, ctx.strings.leaveConfirm, ctx.strings.leaveChat))) return;
    try {
      await ctx.client.conversations.leave(this.conversationId);
      ctx.go({ screen: 'home', tab: 'chats' });
    } catch (error) {
      ctx.toast(errorText(ctx, error));
    }
  }
}

/** The tenant's window (24 h if the conversation is not loaded yet), or the page's shorter one. */
function windowMs(own: number | null, tenantSeconds: number | undefined): number {
  return Math.min(own ?? Infinity, (tenantSeconds ?? 24 * 60 * 60) * 1000);
}
