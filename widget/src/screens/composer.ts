import type { Member, Message } from '@confab/sdk';

import type { WidgetContext } from '../context.js';
import { h, icon, icons, replace } from '../dom.js';
import { avatar } from '../people.js';
import { fill } from '../strings.js';
import { isolate, truncate } from '../text.js';
import { quoteOf } from './message-list.js';

/** The text box: send on Enter, a reply or edit in progress, @mention suggestions. */
export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly context: HTMLElement;
  private readonly suggest: HTMLUListElement;
  private readonly send: HTMLButtonElement;
  private replyTo: Message | null = null;
  private editing: Message | null = null;
  private readonly mentioned = new Map<string, string>();
  private options: Member[] = [];
  private chosen = 0;
  private memberList: readonly Member[] = [];

  get members(): readonly Member[] {
    return this.memberList;
  }

  /** The conversation's members; an `@word` typed before they arrived is matched now. */
  set members(list: readonly Member[]) {
    this.memberList = list;
    if (this.mentionQuery()) this.updateSuggestions();
  }

  constructor(
    private readonly ctx: WidgetContext,
    private readonly conversationId: string,
  ) {
    const s = ctx.strings;
    this.input = h('textarea', {
      rows: 1,
      dir: 'auto',
      'aria-label': s.composerLabel,
      placeholder: s.composerPlaceholder,
      'aria-autocomplete': 'list',
      'aria-controls': 'confab-mentions',
    });
    this.send = h(
      'button',
      { class: 'send', type: 'submit', 'aria-label': s.send, disabled: true },
      icon(icons.send),
    );
    this.context = h('div', { class: 'context', hidden: true });
    this.suggest = h('ul', {
      class: 'suggest',
      id: 'confab-mentions',
      role: 'listbox',
      'aria-label': s.mentionSuggestions,
      hidden: true,
    });
    this.element = h(
      'form',
      {
        class: 'composer',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void this.submit();
        },
      },
      this.suggest,
      this.context,
      h('div', { class: 'composer-row' }, this.input, this.send),
    );
    this.input.addEventListener('input', () => this.changed());
    this.input.addEventListener('keydown', (event) => this.key(event));
  }

  startReply(message: Message): void {
    this.editing = null;
    this.replyTo = message;
    this.showContext(
      fill(this.ctx.strings.replyingTo, { name: isolate(this.ctx.people.name(message.senderId)) }),
      quoteOf(this.ctx, message),
      this.ctx.strings.cancelReply,
    );
    this.input.focus();
  }

  startEdit(message: Message): void {
    this.replyTo = null;
    this.editing = message;
    this.input.value = message.text;
    this.showContext(this.ctx.strings.editing, message.text, this.ctx.strings.cancelEdit);
    this.changed();
    this.input.focus();
  }

  private showContext(title: string, quote: string, cancelLabel: string): void {
    replace(
      this.context,
      h('span', { dir: 'auto' }, h('strong', {}, title), ' ', truncate(quote, 60)),
      h(
        'button',
        {
          class: 'tool',
          type: 'button',
          'aria-label': cancelLabel,
          onclick: () => this.clearContext(true),
        },
        icon(icons.close),
      ),
    );
    this.context.hidden = false;
  }

  private clearContext(refocus: boolean): void {
    if (this.editing) this.input.value = '';
    this.replyTo = null;
    this.editing = null;
    this.context.hidden = true;
    this.changed();
    if (refocus) this.input.focus();
  }

  private changed(): void {
    this.send.disabled = this.input.value.trim().length === 0;
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
    if (this.input.value && !this.editing) this.ctx.client.typing.start(this.conversationId);
    this.updateSuggestions();
  }

  private key(event: KeyboardEvent): void {
    if (!this.suggest.hidden && this.options.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.chosen = (this.chosen + step + this.options.length) % this.options.length;
        return this.renderSuggestions();
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        return this.pick(this.options[this.chosen]!);
      }
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.suggest.hidden = true;
        return;
      }
    }
    if (event.key === 'Escape' && !this.context.hidden) {
      event.stopPropagation();
      this.clearContext(true);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.submit();
    }
  }

  /** The `@word` being typed just before the caret, if any. */
  private mentionQuery(): { start: number; query: string } | null {
    const before = this.input.value.slice(0, this.input.selectionStart ?? 0);
    const match = /(^|\s)@([^\s@]{0,30})$/u.exec(before);
    if (!match) return null;
    return { start: before.length - match[2]!.length - 1, query: match[2]!.toLowerCase() };
  }

  private updateSuggestions(): void {
    const at = this.mentionQuery();
    const me = this.ctx.client.userId;
    this.options = at
      ? this.members
          .filter((m) => m.userId !== me)
          .filter((m) => {
            const name = this.ctx.people.name(m.userId).toLowerCase();
            return name.includes(at.query) || m.userId.toLowerCase().startsWith(at.query);
          })
          .slice(0, 6)
      : [];
    this.chosen = 0;
    this.renderSuggestions();
  }

  private renderSuggestions(): void {
    this.suggest.hidden = this.options.length === 0;
    this.input.setAttribute('aria-expanded', String(!this.suggest.hidden));
    replace(
      this.suggest,
      ...this.options.map((member, i) =>
        h(
          'li',
          {
            role: 'option',
            id: `confab-mention-${i}`,
            'aria-selected': String(i === this.chosen),
            onmousedown: (event: Event) => {
              event.preventDefault();
              this.pick(member);
            },
          },
          avatar(this.ctx.people.get(member.userId), 'xs'),
          h('span', { dir: 'auto' }, this.ctx.people.name(member.userId)),
        ),
      ),
    );
    if (this.options.length)
      this.input.setAttribute('aria-activedescendant', `confab-mention-${this.chosen}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private pick(member: Member): void {
    const at = this.mentionQuery();
    if (!at) return;
    const name = this.ctx.people.name(member.userId);
    const caret = this.input.selectionStart ?? this.input.value.length;
    const value = this.input.value;
    this.input.value = `${value.slice(0, at.start)}@${name} ${value.slice(caret)}`;
    const end = at.start + name.length + 2;
    this.input.setSelectionRange(end, end);
    this.mentioned.set(member.userId, `@${name}`);
    this.options = [];
    this.renderSuggestions();
    this.changed();
  }

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    if (!text) return;
    const { client } = this.ctx;
    const editing = this.editing;
    const replyTo = this.replyTo;
    const mentions = [...this.mentioned].filter(([, tag]) => text.includes(tag)).map(([id]) => id);
    this.input.value = '';
    this.mentioned.clear();
    this.clearContext(false);
    this.input.focus();
    try {
      if (editing) await client.messages.edit(this.conversationId, editing.seq, text);
      else {
        await client.messages.send(this.conversationId, text, {
          ...(replyTo ? { replyToSeq: replyTo.seq } : {}),
          ...(mentions.length ? { mentions } : {}),
        });
      }
    } catch (error) {
      // A send that fails for good stays in the list as failed, with retry; an edit says so.
      if (editing) this.ctx.toast(errorText(this.ctx, error));
    }
  }
}

export function errorText(ctx: WidgetContext, error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'window_closed') return ctx.strings.tooLate;
  if (code === 'invalid_input' && tooBig(error)) return ctx.strings.tooLong;
  return ctx.strings.actionFailed;
}

/** Whether a refusal says the text is longer than the tenant allows. */
export function tooBig(error: unknown): boolean {
  const details = (error as { details?: { code?: string }[] } | null)?.details;
  return Array.isArray(details) && details.some((d) => d.code === 'too_big');
}
