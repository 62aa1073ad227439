import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import express, { Router } from 'express';

import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';

/** Where `turbo run build` puts the console, seen from this file in server/dist. */
const BUILT_CONSOLE = fileURLToPath(new URL('../../../../admin/dist', import.meta.url));

/**
 * The console's static files at `/admin`. It routes in the URL's hash, so every page loads
 * the same index.html; assets carry content hashes and may be cached for good.
 */
export function adminConsoleRoutes(config: Config): Router {
  const router = Router();
  const root = path.resolve(config.ADMIN_DIST_DIR ?? BUILT_CONSOLE);
  const index = path.join(root, 'index.html');

  router.use(
    '/assets',
    express.static(path.join(root, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  router.get(['/', '/index.html'], (_req, res) => {
    if (!existsSync(index)) {
      throw new AppError('not_found', 'The console is not built; run npm run build');
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
