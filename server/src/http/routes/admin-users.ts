import { Router } from 'express';

import {
  actOnUser,
  createUser,
  editUser,
  getAdminUser,
  listUsers,
  muteSchema,
  newUserSchema,
  reasonSchema,
  userEditSchema,
} from '../../admin/users.js';
import type { UserAction } from '../../admin/users.js';
import { parseInput } from '../parse-input.js';
import { adminOf, allow, pathId } from './admin-guards.js';

/** Moderation actions, each `POST /users/:userId/<action>`, with what each one needs. */
const actions: Record<string, (body: unknown) => UserAction> = {
  ban: (body) => ({ action: 'ban', ...parseInput(reasonSchema, body) }),
  unban: (body) => ({ action: 'unban', ...parseInput(reasonSchema, body) }),
  mute: (body) => ({ action: 'mute', ...parseInput(muteSchema, body) }),
  unmute: () => ({ action: 'unmute' }),
  logout: () => ({ action: 'logout' }),
  deactivate: () => ({ action: 'deactivate' }),
  reactivate: () => ({ action: 'reactivate' }),
};

const managing = new Set(['deactivate', 'reactivate']);

export function adminUserRoutes(): Router {
  const router = Router();

  router.get('/users', allow('view'), async (req, res) => {
    res.json(await listUsers(adminOf(res), req.query));
  });

  router.get('/users/:userId', allow('view'), async (req, res) => {
    res.json({ data: await getAdminUser(adminOf(res), pathId(req, 'userId')) });
  });

  router.post('/users', allow('users.manage'), async (req, res) => {
    const input = parseInput(newUserSchema, req.body);
    res.status(201).json({ data: await createUser(adminOf(res), input) });
  });

  router.put('/users/:userId', allow('users.manage'), async (req, res) => {
    const input = parseInput(userEditSchema, req.body);
    res.json({ data: await editUser(adminOf(res), pathId(req, 'userId'), input) });
  });

  for (const [name, read] of Object.entries(actions)) {
    const permission = managing.has(name) ? 'users.manage' : 'users.moderate';
    router.post(`/users/:userId/${name}`, allow(permission), async (req, res) => {
      const ctx = adminOf(res);
      res.json({ data: await actOnUser(ctx, pathId(req, 'userId'), read(req.body)) });
    });
  }

  return router;
}
