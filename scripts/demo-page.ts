// The widget demo for `npm run demo`: a stand-in for a tenant's own site, served on a port of
// its own (so on another origin than the api, as a real site would be), with one page per demo
// user that embeds the widget with that user's token. Development only: the page hands the
// token to anyone who asks, which a real site does only for its signed-in user.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DemoPageOptions {
  apiUrl: string;
  appId: string;
  port: number;
  users: { id: string; name: string }[];
  tokens: Record<string, string>;
}

export interface DemoPages {
  /** The page's address for each demo user id. */
  urls: Record<string, string>;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(options: DemoPageOptions, user: { id: string; name: string }): string {
  const others = options.users
    .filter((u) => u.id !== user.id)
    .map((u) => `<a href="/?user=${encodeURIComponent(u.id)}">${escapeHtml(u.name)}</a>`)
    .join(' · ');
  // JSON inside a script: `<` is escaped so no value can close the script element.
  const init = JSON.stringify({ token: options.tokens[user.id], open: true }).replace(
    /</g,
    '\\u003c',
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Confab widget demo: ${escapeHtml(user.name)}</title>
<style>
  body { margin: 0; font: 16px/1.5 Georgia, serif; background: #faf8f3; color: #222; }
  main { max-width: 640px; padding: 48px 32px; }
  a { color: #4f46e5; }
</style>
</head>
<body>
<main>
  <h1>Acme, a tenant's site</h1>
  <p>Signed in as <strong>${escapeHtml(user.name)}</strong>. The chat button in the corner is the
  Confab widget, loaded from the api with one script tag.</p>
  <p>Open another user in a second window: ${others}</p>
</main>
<script src="${options.apiUrl}/widget.js" data-app-id="${escapeHtml(options.appId)}"></script>
<script>Confab.init(${init});</script>
</body>
</html>`;
}

export async function startDemoPages(options: DemoPageOptions): Promise<DemoPages> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const user = options.users.find((u) => u.id === url.searchParams.get('user'));
    if (url.pathname !== '/' || !user) {
      const list = options.users
        .map(
          (u) => `<li><a href="/?user=${encodeURIComponent(u.id)}">${escapeHtml(u.name)}</a></li>`,
        )
        .join('');
      res.writeHead(url.pathname === '/' ? 200 : 404, {
        'content-type': 'text/html; charset=utf-8',
      });
      res.end(
        `<!doctype html><meta charset="utf-8"><title>Confab widget demo</title><ul>${list}</ul>`,
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(options, user));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const urls = Object.fromEntries(
    options.users.map((u) => [u.id, `http://127.0.0.1:${port}/?user=${encodeURIComponent(u.id)}`]),
  );
  return {
    urls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
