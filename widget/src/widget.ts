import { ConfabClient } from '@confab/sdk';
import type { ConnectionState } from '@confab/sdk';

import type { Route, Screen, WidgetContext } from './context.js';
import { h, icon, icons, replace } from './dom.js';
import type { ResolvedOptions } from './options.js';
import { People } from './people.js';
import { ChatScreen } from './screens/chat.js';
import { HomeScreen } from './screens/home.js';
import { NewChatScreen } from './screens/new-chat.js';
import { fill } from './strings.js';
import { css } from './styles.js';

let sheet: CSSStyleSheet | null = null;

/** One mounted widget: its host element, its shadow root, its client and its screens. */
export class Widget {
  readonly host: HTMLElement;
  readonly client: ConfabClient;
  private readonly shadow: ShadowRoot;
  private readonly ctx: WidgetContext;
  private readonly people: People;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLButtonElement | null;
  private readonly banner: HTMLElement;
  private readonly screenSlot: HTMLElement;
  private readonly rootEl: HTMLElement;
  private screen: Screen | null = null;
  private route: Route = { screen: 'home', tab: 'chats' };
  private isOpen: boolean;
  private everConnected = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    readonly options: ResolvedOptions,
    host?: HTMLElement,
  ) {
    const inline = Boolean(host ?? options.container);
    this.host = host ?? h('div', { 'data-confab-widget': options.appId });
    this.shadow = this.host.shadowRoot ?? this.host.attachShadow({ mode: 'open' });
    for (const [key, value] of Object.entries(options.theme)) {
      this.host.style.setProperty(`--confab-${key}`, value);
    }
    this.client = new ConfabClient({ url: options.url, token: options.token });
    this.people = new People(this.client, options.strings.you);
    this.isOpen = inline || options.open;

    const strings = options.strings;
    this.banner = h('div', { class: 'banner', role: 'status', hidden: true });
    this.screenSlot = h('div', { class: 'chat' });
    this.panel = h(
      'section',
      { class: 'panel', role: 'dialog', 'aria-label': strings.title, hidden: !this.isOpen },
      this.banner,
      this.screenSlot,
    );
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.launcher) {
        event.stopPropagation();
        this.setOpen(false);
      }
    });
    this.launcher = inline
      ? null
      : h(
          'button',
          {
            class: 'launcher',
            type: 'button',
            'aria-label': this.isOpen ? strings.closeChat : strings.openChat,
            'aria-expanded': String(this.isOpen),
            onclick: () => this.setOpen(!this.isOpen),
          },
          icon(this.isOpen ? icons.close : icons.chat),
        );
    this.rootEl = h('div', { class: inline ? 'root inline' : 'root' }, this.panel, this.launcher);
    this.rootEl.classList.toggle('open', this.isOpen);
    const root = this.rootEl;
    this.shadow.replaceChildren(root);
    adoptStyles(this.shadow);

    this.ctx = {
      client: this.client,
      strings,
      people: this.people,
      recallWindowMs: options.recallWindowMs,
      editWindowMs: options.editWindowMs,
      layer: this.panel,
      root: this.shadow,
      go: (route) => this.go(route),
      toast: (text) => this.toast(text),
      closeButton: () =>
        this.launcher &&
        h(
          'button',
          {
            class: 'icon-button close-panel',
            type: 'button',
            'aria-label': strings.closeChat,
            onclick: () => this.setOpen(false),
          },
          icon(icons.close),
        ),
      visible: () => this.isOpen && document.visibilityState === 'visible',
    };
  }

  /** Puts the widget in the page (or its container) and connects. */
  start(): void {
    if (!this.host.isConnected) (this.options.container ?? document.body).appendChild(this.host);
    this.people.watch(() => undefined);
    this.stops.push(
      this.client.state.unread().subscribe((unread) => this.showUnread(unread.total)),
      this.client.state.connection().subscribe((state) => this.showConnection(state)),
    );
    const onVisible = () => this.screen?.shown?.();
    document.addEventListener('visibilitychange', onVisible);
    this.stops.push(() => document.removeEventListener('visibilitychange', onVisible));
    this.go(this.route);
    void this.client.connect().catch(() => undefined);
  }

  /** Takes the widget out of the page and closes its connection. */
  async destroy(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    this.screen?.destroy();
    this.screen = null;
    this.people.stop();
    this.host.remove();
    await this.client.close();
  }

  setOpen(open: boolean): void {
    if (!this.launcher) return;
    this.isOpen = open;
    this.panel.hidden = !open;
    this.rootEl.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute(
      'aria-label',
      open ? this.options.strings.closeChat : this.options.strings.openChat,
    );
    replace(
      this.launcher,
      icon(open ? icons.close : icons.chat),
      this.launcher.querySelector('.badge'),
    );
    if (open) {
      this.screen?.shown?.();
      this.screen?.focus();
    } else {
      this.launcher.focus();
    }
    this.host.dispatchEvent(new CustomEvent('confab:toggle', { detail: { open } }));
  }

  get opened(): boolean {
    return this.isOpen;
  }

  go(route: Route): void {
    this.screen?.destroy();
    this.route = route;
    if (route.screen === 'chat') this.screen = new ChatScreen(this.ctx, route.conversationId);
    else if (route.screen === 'new') this.screen = new NewChatScreen(this.ctx);
    else this.screen = new HomeScreen(this.ctx, route.tab);
    replace(this.screenSlot, this.screen.element);
    if (this.isOpen) {
      this.screen.shown?.();
      this.screen.focus();
    }
  }

  private showUnread(total: number): void {
    if (!this.launcher) return;
    let badge = this.launcher.querySelector('.badge');
    if (total === 0) return badge?.remove();
    badge ??= this.launcher.appendChild(h('span', { class: 'badge' }));
    badge.textContent = total > 99 ? '99+' : String(total);
    badge.setAttribute('aria-label', fill(this.options.strings.unreadBadge, { count: total }));
  }

  private showConnection(state: ConnectionState): void {
    const strings = this.options.strings;
    if (state.status === 'connected') this.everConnected = true;
    let text: string | null = null;
    // The api refuses pages of origins the tenant did not list; retrying will not change that,
    // though the SDK keeps trying with backoff in case the tenant lists it meanwhile.
    if (state.error?.code === 'forbidden') text = strings.notAllowed;
    else if (state.status === 'failed') text = strings.signedOut;
    else if (state.status === 'reconnecting') text = strings.connectionLost;
    else if (state.status === 'connecting' || state.status === 'idle') {
      text = this.everConnected ? strings.connectionLost : strings.connecting;
    }
    this.banner.hidden = text === null;
    this.banner.textContent = text ?? '';
    this.panel.dataset.connection = state.status;
  }

  private toast(text: string): void {
    this.panel.querySelector('.toast')?.remove();
    const note = h('div', { class: 'toast', role: 'alert' }, text);
    this.panel.appendChild(note);
    setTimeout(() => note.remove(), 4000);
  }
}

/** One constructed sheet, shared by every shadow root of this document. */
function adoptStyles(shadow: ShadowRoot): void {
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function') {
    try {
      sheet ??= new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Older engines without constructable sheets take a style element below.
    }
  }
  shadow.appendChild(h('style', {}, css));
}
