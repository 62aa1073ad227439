import type { WidgetContext } from './context.js';
import { h } from './dom.js';
import type { Child } from './dom.js';

const FOCUSABLE = 'button, [href], input, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal sheet over the panel: focus moves in, Tab stays inside, Escape or a click outside
 * closes it, and focus goes back where it was. Answers the function that closes it.
 */
export function openSheet(
  ctx: WidgetContext,
  title: string,
  body: Child[],
  onDismiss?: () => void,
): () => void {
  const returnTo = ctx.root.activeElement as HTMLElement | null;
  const heading = h('h2', { class: 'sr-only', id: 'confab-sheet-title' }, title);
  const sheet = h(
    'div',
    {
      class: 'sheet',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'confab-sheet-title',
    },
    heading,
    ...body,
  );
  const overlay = h('div', { class: 'overlay' }, sheet);
  const close = () => {
    overlay.remove();
    returnTo?.focus();
  };
  const dismiss = () => {
    close();
    onDismiss?.();
  };
  overlay.addEventListener('click', (event) => {
    if (event.target === overlay) dismiss();
  });
  overlay.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      dismiss();
    } else if (event.key === 'Tab') trapTab(sheet, event);
  });
  ctx.layer.appendChild(overlay);
  (sheet.querySelector<HTMLElement>(FOCUSABLE) ?? sheet).focus();
  return close;
}

/** Asks to confirm; resolves true only for the confirm button. */
export function confirmSheet(ctx: WidgetContext, question: string, action: string) {
  return new Promise<boolean>((resolve) => {
    const answer = (yes: boolean) => {
      close();
      resolve(yes);
    };
    const close = openSheet(
      ctx,
      question,
      [
        h('p', {}, question),
        h(
          'div',
          { class: 'sheet-actions' },
          h(
            'button',
            { class: 'secondary', type: 'button', onclick: () => answer(false) },
            ctx.strings.cancel,
          ),
          h('button', { class: 'primary', type: 'button', onclick: () => answer(true) }, action),
        ),
      ],
      () => resolve(false),
    );
  });
}

export interface MenuItem {
  label: string;
  danger?: boolean;
  run(): void;
}

/**
 * A menu under (or above) a button: arrow keys move between items, Escape closes it and
 * focus returns to the button.
 */
export function openMenu(ctx: WidgetContext, anchor: HTMLElement, items: MenuItem[]): void {
  ctx.layer.querySelector('.menu')?.remove();
  const buttons = items.map((item) =>
    h(
      'button',
      {
        class: `menu-item${item.danger ? ' danger' : ''}`,
        role: 'menuitem',
        type: 'button',
        tabindex: '-1',
        onclick: () => {
          close();
          item.run();
        },
      },
      item.label,
    ),
  );
  const menu = h('div', { class: 'menu', role: 'menu' }, ...buttons);
  const close = () => {
    menu.remove();
    document.removeEventListener('pointerdown', outside, true);
    anchor.setAttribute('aria-expanded', 'false');
  };
  const outside = (event: Event) => {
    if (!event.composedPath().includes(menu)) close();
  };
  menu.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(ctx.root.activeElement as HTMLButtonElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      close();
      anchor.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      buttons[(at + step + buttons.length) % buttons.length]?.focus();
    }
  });
  ctx.layer.appendChild(menu);
  place(menu, anchor, ctx.layer);
  anchor.setAttribute('aria-expanded', 'true');
  document.addEventListener('pointerdown', outside, true);
  buttons[0]?.focus();
}

function place(menu: HTMLElement, anchor: HTMLElement, layer: HTMLElement): void {
  const box = layer.getBoundingClientRect();
  const at = anchor.getBoundingClientRect();
  const height = menu.offsetHeight;
  const below = at.bottom - box.top + 4;
  const top = below + height > box.height ? Math.max(4, at.top - box.top - height - 4) : below;
  const left = Math.min(
    Math.max(4, at.right - box.left - menu.offsetWidth),
    box.width - menu.offsetWidth - 4,
  );
  menu.style.top = `${top}px`;
  menu.style.left = `${left}px`;
}

function trapTab(container: HTMLElement, event: KeyboardEvent): void {
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (items.length === 0) return;
  const root = container.getRootNode() as unknown as DocumentOrShadowRoot;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  if (event.shiftKey && root.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && root.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
