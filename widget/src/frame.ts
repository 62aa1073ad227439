import type { ResolvedOptions } from './options.js';
import { resolveOptions } from './options.js';
import { Widget } from './widget.js';

/**
 * Iframe mode. The host side puts a sandboxed frame from the api (`/widget/frame`) in the page
 * and hands it the options; the frame runs the ordinary widget on the api's own origin, so the
 * host page's scripts and styles cannot reach it at all. Messages between the two are checked
 * by source and origin; the token goes only to the api's origin.
 */
type FrameMessage =
  | { type: 'confab:ready' }
  | { type: 'confab:toggle'; open: boolean }
  | { type: 'confab:token-request'; id: number };

const CLOSED = { width: '96px', height: '96px' };
const OPEN = { width: '460px', height: 'min(720px, 100vh)' };

export class FrameHost {
  readonly host: HTMLIFrameElement;
  private readonly origin: string;
  private readonly listener = (event: MessageEvent) => void this.receive(event);

  constructor(private readonly options: ResolvedOptions) {
    this.origin = new URL(options.url).origin;
    const frame = document.createElement('iframe');
    frame.src = `${options.url}/widget/frame?appId=${encodeURIComponent(options.appId)}`;
    frame.title = options.strings.title;
    frame.setAttribute('data-confab-widget', options.appId);
    frame.setAttribute(
      'sandbox',
      'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms',
    );
    frame.setAttribute('allow', 'clipboard-write');
    const style = frame.style;
    style.cssText =
      'position:fixed;right:0;bottom:0;border:0;background:transparent;color-scheme:normal;' +
      'z-index:2147483000;max-width:100vw;max-height:100vh';
    this.host = frame;
    this.resize(options.open);
  }

  start(): void {
    window.addEventListener('message', this.listener);
    if (!this.host.isConnected) (this.options.container ?? document.body).appendChild(this.host);
  }

  async destroy(): Promise<void> {
    window.removeEventListener('message', this.listener);
    this.host.remove();
  }

  setOpen(open: boolean): void {
    this.post({ type: 'confab:set-open', open });
  }

  private resize(open: boolean): void {
    const narrow = window.innerWidth <= 440;
    const size = open ? (narrow ? { width: '100vw', height: '100vh' } : OPEN) : CLOSED;
    this.host.style.width = size.width;
    this.host.style.height = size.height;
  }

  private post(message: object): void {
    this.host.contentWindow?.postMessage(message, this.origin);
  }

  private async receive(event: MessageEvent): Promise<void> {
    if (event.source !== this.host.contentWindow || event.origin !== this.origin) return;
    const message = event.data as FrameMessage;
    if (message?.type === 'confab:ready') {
      const { options } = this;
      this.post({
        type: 'confab:init',
        options: {
          appId: options.appId,
          token: typeof options.token === 'string' ? options.token : undefined,
          provider: typeof options.token === 'function',
          open: options.open,
          strings: options.strings,
          recallWindowSeconds: seconds(options.recallWindowMs),
          editWindowSeconds: seconds(options.editWindowMs),
          theme: options.theme,
        },
      });
    } else if (message?.type === 'confab:toggle') {
      this.resize(message.open === true);
    } else if (
      message?.type === 'confab:token-request' &&
      typeof this.options.token === 'function'
    ) {
      const token = await (this.options.token as () => Promise<string>)().catch(() => null);
      this.post({ type: 'confab:token', id: message.id, token });
    }
  }
}

/** Inside the frame page: waits for the host's options, then runs the widget. */
export function runInFrame(url: string): void {
  const parent = window.parent;
  if (parent === window) return;
  let hostOrigin: string | null = null;
  let widget: Widget | null = null;
  let nextId = 0;
  const waiting = new Map<number, (token: string | null) => void>();

  window.addEventListener('message', (event) => {
    if (event.source !== parent) return;
    const data = event.data as {
      type?: string;
      options?: Record<string, unknown>;
      id?: number;
      token?: string | null;
      open?: boolean;
    };
    if (data?.type === 'confab:init' && !widget && data.options) {
      hostOrigin = event.origin;
      const given = data.options;
      const provider = () =>
        new Promise<string>((resolve, reject) => {
          const id = ++nextId;
          waiting.set(id, (token) => (token ? resolve(token) : reject(new Error('no token'))));
          parent.postMessage({ type: 'confab:token-request', id }, hostOrigin!);
        });
      const resolved = resolveOptions(
        {
          ...(given as object),
          url,
          mode: 'shadow',
          ...(given.provider ? { tokenProvider: provider, token: undefined } : {}),
        },
        {},
      );
      widget = new Widget(resolved);
      widget.host.addEventListener('confab:toggle', (toggle) => {
        parent.postMessage(
          { type: 'confab:toggle', open: (toggle as CustomEvent).detail.open },
          hostOrigin!,
        );
      });
      widget.start();
    } else if (
      event.origin === hostOrigin &&
      data?.type === 'confab:token' &&
      typeof data.id === 'number'
    ) {
      waiting.get(data.id)?.(typeof data.token === 'string' ? data.token : null);
      waiting.delete(data.id);
    } else if (event.origin === hostOrigin && data?.type === 'confab:set-open') {
      widget?.setOpen(data.open === true);
    }
  });
  parent.postMessage({ type: 'confab:ready' }, '*');
}

function seconds(ms: number | null): number | undefined {
  return ms === null ? undefined : ms / 1000;
}
