import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Router } from 'express';
import type { Response } from 'express';

import type { AppContext } from '../../context.js';
import { cachedTenant } from '../../domain/tenants.js';
import { AppError } from '../../errors.js';

/** Where `turbo run build` puts the widget, seen from this file in server/dist. */
const BUILT_WIDGET = fileURLToPath(new URL('../../../../widget/dist', import.meta.url));
const APP_ID = /^[\w-]{1,100}$/;

/**
 * The widget: `/widget.js` for any page to load (so its Cross-Origin-Resource-Policy is
 * cross-origin, where helmet's default would keep it to this origin), and `/widget/frame`, the
 * page iframe mode loads, which only the tenant's allowed origins may frame.
 */
export function widgetRoutes(app: AppContext): Router {
  const router = Router();
  const root = path.resolve(app.config.WIDGET_DIST_DIR ?? BUILT_WIDGET);

  const sendBuilt = (res: Response, file: string, type: string) => {
    const full = path.join(root, file);
    if (!existsSync(full))
      throw new AppError('not_found', 'The widget is not built; run npm run build');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    // Short, and revalidated: a new release reaches pages within minutes.
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    res.type(type);
    res.sendFile(full);
  };
  router.get('/widget.js', (_req, res) => sendBuilt(res, 'widget.js', 'application/javascript'));
  router.get('/widget.js.map', (_req, res) => sendBuilt(res, 'widget.js.map', 'application/json'));

  router.get('/widget/frame', async (req, res) => {
    const appId = typeof req.query.appId === 'string' ? req.query.appId : '';
    if (!APP_ID.test(appId)) throw new AppError('invalid_input', 'appId is missing or malformed');
    const tenant = await cachedTenant(appId).catch(() => null);
    if (!tenant) throw new AppError('not_found', 'No such app');
    const allowed = tenant.settings.allowedOrigins ?? [];
    const ancestors = allowed.length > 0 ? allowed.join(' ') : '*';
    res.removeHeader('X-Frame-Options');
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        'img-src https: http: data:',
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors ${ancestors}`,
      ].join('; '),
    );
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(FRAME_PAGE);
  });
  return router;
}

/** The frame page: the widget script, which sees `data-confab-frame` and waits for its host. */
const FRAME_PAGE = `<!doctype html>
<html lang="en" data-confab-frame>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat</title>
<style>html, body { margin: 0; background: transparent; color-scheme: normal; }</style>
</head>
<body><script src="/widget.js"></script></body>
</html>
`;
