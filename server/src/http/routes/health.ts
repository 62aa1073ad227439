import { Router } from 'express';

import type { AppContext } from '../../context.js';
import { pingStore } from '../../store/connect.js';

/** How long a readiness probe waits for each dependency, in milliseconds. */
const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS).unref();
    }),
  ]);
}

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'down'> {
  try {
    return (await withTimeout(check())) === false ? 'down' : 'ok';
  } catch {
    return 'down';
  }
}

/** `/healthz`: the process is up. `/readyz`: the store and Redis both answer. */
export function healthRoutes(app: AppContext): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const [store, redis] = await Promise.all([probe(pingStore), probe(() => app.redis.ping())]);
    const ready = store === 'ok' && redis === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', store, redis });
  });

  return router;
}
