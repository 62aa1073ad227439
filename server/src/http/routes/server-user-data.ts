import { field } from '@confab/sdk/protocol';
import { Router } from 'express';
import type { Response } from 'express';
import { z } from 'zod';

import type { ActiveKey } from '../../auth/api-keys.js';
import type { AppContext } from '../../context.js';
import { getDataRequest, requestUserData } from '../../domain/user-data.js';
import { sendArchive } from '../send-archive.js';
import { parseInput } from '../parse-input.js';

const userParams = z.object({ userId: field.userId });
const requestParams = z.object({
  id: z.string().regex(/^(exp|era)_[A-Za-z0-9_-]{1,40}$/, 'must be a request id'),
});

const tenantOf = (res: Response) => (res.locals.key as ActiveKey).tenantId;

/** Export and erase of one user's data, run as jobs, with their progress and the archive. */
export function serverUserDataRoutes(app: AppContext): Router {
  const router = Router();

  router.post('/users/:userId/export', async (req, res) => {
    const { userId } = parseInput(userParams, req.params);
    res.status(202).json({ request: await requestUserData(app, tenantOf(res), userId, 'export') });
  });

  router.post('/users/:userId/erase', async (req, res) => {
    const { userId } = parseInput(userParams, req.params);
    res.status(202).json({ request: await requestUserData(app, tenantOf(res), userId, 'erase') });
  });

  router.get('/data-requests/:id', async (req, res) => {
    const { id } = parseInput(requestParams, req.params);
    res.json({ request: await getDataRequest(tenantOf(res), id) });
  });

  /** The finished archive as JSON Lines: one record per line, `kind` first. */
  router.get('/data-requests/:id/archive', async (req, res) => {
    const { id } = parseInput(requestParams, req.params);
    await sendArchive(res, tenantOf(res), id);
  });

  return router;
}
