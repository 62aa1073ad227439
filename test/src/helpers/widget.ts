/// <reference lib="dom" />
// pixelDifference runs its comparison in the browser, where DOM types apply.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

import type { Browser, Locator, Page } from 'playwright-core';

/** Widget screenshots: `artifacts/widget/` at the repository root, kept out of git. */
export const WIDGET_ARTIFACTS = fileURLToPath(
  new URL('../../../artifacts/widget/', import.meta.url),
);

/** Global rules a careless or hostile host page might have; none may reach the widget. */
export const HOSTILE_CSS = `
  * { font-family: "Comic Sans MS", cursive !important; color: #f0f !important;
      letter-spacing: 3px !important; box-sizing: content-box !important;
      line-height: 3 !important; text-transform: uppercase !important; }
  div { border: 3px dashed red !important; padding: 13px !important; margin: 7px !important;
        background: yellow !important; display: block !important; }
  button { background: lime !important; border-radius: 0 !important; font-size: 30px !important;
           width: 300px !important; height: 80px !important; }
  section, header, h2, ul, li, span, textarea, form, svg, path { all: revert !important; }
  :root { font-size: 40px; direction: rtl; }
  body { zoom: 1; filter: none; }
`;

export interface HostPageOptions {
  apiUrl: string;
  appId: string;
  /** The Confab.init options besides the app id, as JSON-able values. */
  init?: Record<string, unknown> | null;
  css?: string;
  /** Markup put in the body before the scripts. */
  body?: string;
  /** A script of the page's own, run after widget.js in place of `init`. */
  script?: string;
}

/** A tenant's page that loads widget.js with a script tag and calls Confab.init. */
export function hostPage(options: HostPageOptions): string {
  const init = options.init
    ? `<script>window.handle = Confab.init(${JSON.stringify(options.init)});</script>`
    : options.script
      ? `<script>${options.script}</script>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; min-height: 100vh; font-family: Georgia, serif; background: #f7f7f2; }
main { padding: 32px; } ${options.css ?? ''}</style></head>
<body><main><h1>Acme shop</h1><p>Products and prices.</p></main>${options.body ?? ''}
<script src="${options.apiUrl}/widget.js" data-app-id="${options.appId}"></script>
${init}
</body></html>`;
}

export interface HostServer {
  /** The host site's origin: another port of the loopback address, so another origin. */
  origin: string;
  close(): Promise<void>;
}

/** A tenant's own web site: serves each page by path, made from the request's URL. */
export async function startHostServer(
  pages: Record<string, (url: URL) => string>,
): Promise<HostServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = pages[url.pathname];
    if (!page) {
      res.writeHead(404).end('not here');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(url));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function widgetShot(target: Page | Locator, name: string): Promise<void> {
  await mkdir(WIDGET_ARTIFACTS, { recursive: true });
  await target.screenshot({ path: `${WIDGET_ARTIFACTS}${name}.png`, animations: 'disabled' });
}

/** Locators into the widget's shadow root (Playwright's CSS engine goes through open ones). */
export function widget(page: Page) {
  const root = page.locator('[data-confab-widget]');
  return {
    root,
    launcher: root.locator('.launcher'),
    panel: root.locator('.panel'),
    banner: root.locator('.banner'),
    tab: (name: string) => root.getByRole('tab', { name }),
    conversationRow: (title: string) =>
      root.locator('.row[data-conversation]').filter({
        has: page.locator('.row-name').getByText(title, { exact: true }),
      }),
    contactRow: (userId: string) => root.locator(`.row[data-contact="${userId}"]`),
    composer: root.locator('.composer textarea'),
    message: (text: string) => root.locator('.msg[data-seq]', { hasText: text }),
    pending: root.locator('.msg[data-client-id]'),
    readersAfter: (seq: number) => root.locator(`.msg[data-seq="${seq}"] + .reads`),
  };
}

/** Sends a message from the widget's composer. */
export async function sendFromWidget(page: Page, text: string): Promise<void> {
  const w = widget(page);
  await w.composer.fill(text);
  await w.composer.press('Enter');
}

/**
 * How many pixels of two PNG screenshots of one size differ, and by how much at most (0-255
 * per channel), decoded and compared by the browser's canvas.
 */
export async function pixelDifference(
  browser: Browser,
  a: Buffer,
  b: Buffer,
): Promise<{ width: number; height: number; differing: number; maxDelta: number }> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ([first, second]) => {
        const decode = async (base64: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const draw = canvas.getContext('2d')!;
          draw.drawImage(image, 0, 0);
          return draw.getImageData(0, 0, image.width, image.height);
        };
        const [x, y] = [await decode(first), await decode(second)];
        if (x.width !== y.width || x.height !== y.height) {
          return { width: x.width, height: x.height, differing: x.width * x.height, maxDelta: 255 };
        }
        let differing = 0;
        let maxDelta = 0;
        for (let i = 0; i < x.data.length; i += 4) {
          let delta = 0;
          for (let c = 0; c < 4; c += 1)
            delta = Math.max(delta, Math.abs(x.data[i + c]! - y.data[i + c]!));
          if (delta > 0) differing += 1;
          maxDelta = Math.max(maxDelta, delta);
        }
        return { width: x.width, height: x.height, differing, maxDelta };
      },
      [a.toString('base64'), b.toString('base64')] as const,
    );
  } finally {
    await page.close();
  }
}
