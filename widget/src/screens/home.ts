import type { Contact, Conversation } from '@confab/sdk';

import type { Screen, WidgetContext } from '../context.js';
import { h, icon, icons, replace } from '../dom.js';
import { avatar } from '../people.js';
import { fill } from '../strings.js';
import { formatLastSeen, formatListTime, truncate } from '../text.js';
import { conversationTitle, messagePreview, otherUserId } from './describe.js';

/** The first screen: the conversation list and the contacts, as two tabs. */
export class HomeScreen implements Screen {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly tabs: HTMLButtonElement[];
  private readonly stops: (() => void)[] = [];
  private conversations: readonly Conversation[] = [];

  constructor(
    private readonly ctx: WidgetContext,
    private tab: 'chats' | 'contacts',
  ) {
    const s = ctx.strings;
    this.tabs = (['chats', 'contacts'] as const).map((name) =>
      h(
        'button',
        {
          class: 'tab',
          role: 'tab',
          type: 'button',
          id: `confab-tab-${name}`,
          'aria-controls': 'confab-home-body',
          onclick: () => this.select(name),
          onkeydown: (event: Event) => this.arrowTabs(event as KeyboardEvent),
        },
        name === 'chats' ? s.tabChats : s.tabContacts,
      ),
    );
    this.body = h('div', { class: 'body', id: 'confab-home-body', role: 'tabpanel' });
    this.element = h(
      'div',
      { class: 'chat' },
      h(
        'header',
        { class: 'header' },
        h('div', { class: 'header-main' }, h('h2', {}, s.title)),
        h(
          'button',
          {
            class: 'icon-button',
            type: 'button',
            'aria-label': s.newChat,
            title: s.newChat,
            onclick: () => ctx.go({ screen: 'new' }),
          },
          icon(icons.plus),
        ),
        ctx.closeButton(),
      ),
      h('div', { class: 'tabs', role: 'tablist' }, ...this.tabs),
      this.body,
    );
    this.stops.push(
      ctx.client.state.conversations().subscribe((list) => {
        this.conversations = list;
        if (this.tab === 'chats') this.render();
      }),
      ctx.client.state.contacts().subscribe(() => this.render()),
      ctx.client.state.connection().subscribe(() => {
        if (this.tab === 'chats' && this.conversations.length === 0) this.render();
      }),
      ctx.client.state.presence().subscribe(() => {
        if (this.tab === 'contacts') this.render();
      }),
    );
    this.select(tab);
  }

  focus(): void {
    this.tabs[this.tab === 'chats' ? 0 : 1]?.focus();
  }

  destroy(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private select(tab: 'chats' | 'contacts'): void {
    this.tab = tab;
    for (const button of this.tabs) {
      const selected = button.id === `confab-tab-${tab}`;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    this.body.setAttribute('aria-labelledby', `confab-tab-${tab}`);
    this.render();
  }

  private arrowTabs(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    this.select(this.tab === 'chats' ? 'contacts' : 'chats');
    this.focus();
  }

  private render(): void {
    if (this.tab === 'chats') this.renderChats();
    else this.renderContacts();
  }

  private renderChats(): void {
    const { ctx } = this;
    const s = ctx.strings;
    const visible = this.conversations.filter((c) => c.me !== null);
    if (visible.length === 0) {
      // Until the first catch-up, an empty list means "not loaded yet", not "no chats".
      const text = ctx.client.state.connection().get().synced ? s.noChats : s.connecting;
      return replace(this.body, h('p', { class: 'empty' }, text));
    }
    const rows = visible.map((conversation) => {
      const unread = conversation.me?.unreadCount ?? 0;
      const other = otherUserId(conversation, ctx.client.userId);
      const person = other
        ? ctx.people.get(other)
        : {
            id: conversation.id,
            name: conversationTitle(ctx, conversation),
            avatarUrl: conversation.avatarUrl,
          };
      const last = conversation.lastMessage;
      return h(
        'li',
        {},
        h(
          'button',
          {
            class: unread > 0 ? 'row unread' : 'row',
            type: 'button',
            'data-conversation': conversation.id,
            onclick: () => ctx.go({ screen: 'chat', conversationId: conversation.id }),
          },
          avatar(person, 'md', other ? ctx.people.online(other)?.online : undefined),
          h(
            'span',
            { class: 'row-main' },
            h(
              'span',
              { class: 'row-top' },
              h('span', { class: 'row-name', dir: 'auto' }, conversationTitle(ctx, conversation)),
              h(
                'span',
                { class: 'row-time' },
                formatListTime(last?.createdAt ?? conversation.lastActivityAt, s),
              ),
            ),
            h(
              'span',
              { class: 'row-bottom' },
              h(
                'span',
                { class: 'row-preview', dir: 'auto' },
                last ? truncate(messagePreview(ctx, last, conversation), 80) : '',
              ),
              unread > 0 &&
                h(
                  'span',
                  { class: 'badge', 'aria-label': fill(s.unreadBadge, { count: unread }) },
                  unread > 99 ? '99+' : unread,
                ),
            ),
          ),
        ),
      );
    });
    replace(this.body, h('ul', { class: 'list', 'aria-label': s.tabChats }, ...rows));
  }

  private renderContacts(): void {
    const { ctx } = this;
    const contacts = ctx.people.contactList().filter((c) => c.status === 'accepted' && !c.blocked);
    if (contacts.length === 0) {
      return replace(this.body, h('p', { class: 'empty' }, ctx.strings.noContacts));
    }
    contacts.sort(byOnlineThenName);
    const rows = contacts.map((contact) => {
      const presence = ctx.people.online(contact.userId);
      const status = presence?.online
        ? ctx.strings.online
        : formatLastSeen(presence?.lastSeenAt ?? null, ctx.strings);
      return h(
        'li',
        {},
        h(
          'button',
          {
            class: 'row',
            type: 'button',
            'data-contact': contact.userId,
            onclick: () => void this.openDirect(contact.userId),
          },
          avatar(ctx.people.get(contact.userId), 'md', presence?.online ?? false),
          h(
            'span',
            { class: 'row-main' },
            h('span', { class: 'row-name', dir: 'auto' }, contact.name || contact.userId),
            h(
              'span',
              {
                class: 'row-preview subtitle',
                'data-presence': presence?.online ? 'online' : 'offline',
              },
              status,
            ),
          ),
        ),
      );
    });
    replace(this.body, h('ul', { class: 'list', 'aria-label': ctx.strings.tabContacts }, ...rows));
  }

  private async openDirect(userId: string): Promise<void> {
    try {
      const conversation = await this.ctx.client.conversations.openDirect(userId);
      this.ctx.go({ screen: 'chat', conversationId: conversation.id });
    } catch {
      this.ctx.toast(this.ctx.strings.actionFailed);
    }
  }
}

function byOnlineThenName(a: Contact, b: Contact): number {
  if (a.online !== b.online) return a.online ? -1 : 1;
  return (a.name || a.userId).localeCompare(b.name || b.userId);
}
