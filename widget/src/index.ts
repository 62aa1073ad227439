/**
 * widget.js: the drop-in chat. Defines `window.Confab` (its only global) and the
 * `<confab-chat>` element. One widget per page: a second `init` returns the one mounted.
 */
import { FrameHost, runInFrame } from './frame.js';
import type { WidgetOptions } from './options.js';
import { resolveOptions } from './options.js';
import { Widget } from './widget.js';

const script = document.currentScript as HTMLScriptElement | null;
const scriptUrl = script?.src ? new URL(script.src) : null;
const defaults = {
  appId: script?.dataset.appId,
  url: scriptUrl ? scriptUrl.origin : location.origin,
};

type Mounted = Widget | FrameHost;
let current: Mounted | null = null;

/** What `Confab.init` answers: the mounted widget's controls. */
export interface WidgetHandle {
  open(): void;
  close(): void;
  unmount(): Promise<void>;
  /** The element the widget lives in (its shadow host, or the iframe). */
  readonly element: HTMLElement;
}

function handle(mounted: Mounted): WidgetHandle {
  return {
    open: () => mounted.setOpen(true),
    close: () => mounted.setOpen(false),
    unmount: () => (current === mounted ? unmount() : Promise.resolve()),
    element: mounted.host,
  };
}

function init(options: WidgetOptions): WidgetHandle {
  const resolved = resolveOptions(options, defaults);
  if (current) {
    // A single-page app that mounts again on navigation keeps the one widget; if the page
    // threw the widget's element away with the old view, it goes back in.
    if (!current.host.isConnected) (resolved.container ?? document.body).appendChild(current.host);
    return handle(current);
  }
  const mounted = resolved.mode === 'iframe' ? new FrameHost(resolved) : new Widget(resolved);
  current = mounted;
  mounted.start();
  return handle(mounted);
}

async function unmount(): Promise<void> {
  const mounted = current;
  current = null;
  await mounted?.destroy();
}

/** `<confab-chat app-id token url>`: the chat inside the element's own box. */
class ConfabChatElement extends HTMLElement {
  /** Set before the element is connected to fetch tokens instead of the `token` attribute. */
  tokenProvider?: () => string | Promise<string>;
  private widget: Widget | null = null;

  connectedCallback(): void {
    if (this.widget || current) return;
    const attr = (name: string) => this.getAttribute(name) ?? undefined;
    const resolved = resolveOptions(
      {
        appId: attr('app-id'),
        url: attr('url'),
        ...(this.tokenProvider ? { tokenProvider: this.tokenProvider } : { token: attr('token') }),
      },
      defaults,
    );
    this.widget = new Widget(resolved, this);
    current = this.widget;
    this.widget.start();
  }

  disconnectedCallback(): void {
    const widget = this.widget;
    this.widget = null;
    if (widget && current === widget) current = null;
    void widget?.destroy();
  }
}

const Confab = Object.freeze({
  version: '0.1.0',
  init,
  unmount,
  open: () => current?.setOpen(true),
  close: () => current?.setOpen(false),
});

declare global {
  interface Window {
    Confab?: typeof Confab;
  }
}

if (document.documentElement.hasAttribute('data-confab-frame')) {
  runInFrame(defaults.url);
} else if (!window.Confab) {
  window.Confab = Confab;
  if (window.customElements && !customElements.get('confab-chat')) {
    customElements.define('confab-chat', ConfabChatElement);
  }
  document.dispatchEvent(new CustomEvent('confab:ready'));
}
