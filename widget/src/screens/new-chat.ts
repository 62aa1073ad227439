import type { Screen, WidgetContext } from '../context.js';
import { h, icon, icons, replace } from '../dom.js';
import { avatar } from '../people.js';
import { isolate } from '../text.js';

/** Pick one contact for a direct chat, or several (and a name) for a group. */
export class NewChatScreen implements Screen {
  readonly element: HTMLElement;
  private readonly picked = new Set<string>();
  private readonly list: HTMLElement;
  private readonly titleField: HTMLInputElement;
  private readonly titleRow: HTMLElement;
  private readonly start: HTMLButtonElement;
  private readonly back: HTMLButtonElement;
  private readonly stop: () => void;

  constructor(private readonly ctx: WidgetContext) {
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
    this.list = h('ul', { class: 'list', 'aria-label': s.pickContacts });
    this.titleField = h('input', {
      class: 'field',
      id: 'confab-group-title',
      maxlength: 100,
      placeholder: s.groupTitlePlaceholder,
      dir: 'auto',
    });
    this.titleRow = h(
      'div',
      { hidden: true },
      h('label', { class: 'label', for: 'confab-group-title' }, s.groupTitle),
      this.titleField,
    );
    this.start = h('button', { class: 'primary', type: 'submit', disabled: true }, s.startChat);
    const form = h(
      'form',
      {
        class: 'form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void this.create();
        },
      },
      this.titleRow,
      this.start,
    );
    this.element = h(
      'div',
      { class: 'chat' },
      h(
        'header',
        { class: 'header' },
        this.back,
        h('div', { class: 'header-main' }, h('h2', {}, s.newChat)),
        ctx.closeButton(),
      ),
      h('p', { class: 'hint', id: 'confab-pick-hint' }, s.pickContacts),
      h('div', { class: 'body' }, this.list),
      form,
    );
    this.stop = ctx.client.state.contacts().subscribe(() => this.render());
  }

  focus(): void {
    (this.list.querySelector('input') ?? this.back).focus();
  }

  destroy(): void {
    this.stop();
  }

  private render(): void {
    const contacts = this.ctx.people
      .contactList()
      .filter((c) => c.status === 'accepted' && !c.blocked)
      .sort((a, b) => (a.name || a.userId).localeCompare(b.name || b.userId));
    const rows = contacts.map((contact) => {
      const id = `confab-pick-${contact.userId}`;
      return h(
        'li',
        {},
        h(
          'label',
          { class: 'row', for: id },
          h('input', {
            type: 'checkbox',
            class: 'check',
            id,
            checked: this.picked.has(contact.userId),
            'data-user': contact.userId,
            onchange: (event: Event) => {
              const box = event.target as HTMLInputElement;
              if (box.checked) this.picked.add(contact.userId);
              else this.picked.delete(contact.userId);
              this.update();
            },
          }),
          avatar(this.ctx.people.get(contact.userId), 'sm', contact.online),
          h('span', { class: 'row-name', dir: 'auto' }, contact.name || contact.userId),
        ),
      );
    });
    if (rows.length === 0)
      replace(this.list, h('li', { class: 'empty' }, this.ctx.strings.noContacts));
    else replace(this.list, ...rows);
    this.update();
  }

  private update(): void {
    this.start.disabled = this.picked.size === 0;
    this.titleRow.hidden = this.picked.size < 2;
  }

  private async create(): Promise<void> {
    const { client } = this.ctx;
    const ids = [...this.picked];
    this.start.disabled = true;
    try {
      const conversation =
        ids.length === 1
          ? await client.conversations.openDirect(ids[0]!)
          : await client.conversations.createGroup({
              title:
                this.titleField.value.trim() ||
                ids
                  .map((id) => isolate(this.ctx.people.name(id)))
                  .join(', ')
                  .slice(0, 100),
              memberIds: ids,
            });
      this.ctx.go({ screen: 'chat', conversationId: conversation.id });
    } catch {
      this.start.disabled = false;
      this.ctx.toast(this.ctx.strings.actionFailed);
    }
  }
}
