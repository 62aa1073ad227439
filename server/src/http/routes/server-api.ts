import { field } from '@confab/sdk/protocol';
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { z } from 'zod';

import { authenticateKey } from '../../auth/api-keys.js';
import type { ActiveKey } from '../../auth/api-keys.js';
import { MAX_TOKEN_TTL_SECONDS, signUserToken } from '../../auth/user-tokens.js';
import type { AppContext } from '../../context.js';
import { getUser, upsertUsers } from '../../domain/users.js';
import { AppError } from '../../errors.js';
import { parseInput } from '../parse-input.js';
import { serverConversationRoutes } from './server-conversations.js';
import { serverUserDataRoutes } from './server-user-data.js';
import { serverWebhookRoutes } from './server-webhooks.js';

const userSchema = z.object({
  id: field.userId,
  name: field.displayName.optional(),
  avatarUrl: field.url.nullable().optional(),
  custom: field.customData.optional(),
});

export const upsertUsersSchema = z.object({ users: z.array(userSchema).min(1).max(1000) });

export const issueTokenSchema = z.object({
  userId: field.userId,
  /** Lifetime in seconds; one hour unless given. */
  ttlSeconds: z.number().int().min(10).max(MAX_TOKEN_TTL_SECONDS).default(3600),
});

const userParams = z.object({ userId: field.userId });

/** Reads `Authorization: Basic base64(keyId:secret)`: the tenant backend's credential. */
function apiKeyAuth(app: AppContext): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
    if (!match?.[1]) {
      throw new AppError('unauthorized', 'Send the API key id and secret as HTTP Basic auth');
    }
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) throw new AppError('unauthorized', 'Basic auth must be keyId:secret');

    const key = await authenticateKey(
      app.config.MASTER_KEY,
      decoded.slice(0, colon),
      decoded.slice(colon + 1),
    );
    await app.limits.take('tenant', key.tenantId);
    res.locals.key = key;
    req.log = req.log.child({ tenantId: key.tenantId, keyId: key.keyId });
    next();
  };
}

/**
 * The server API, for a tenant's own backend: users and the tokens they connect with, its
 * social graph, and conversations it manages on its users' behalf.
 */
export function serverApiRoutes(app: AppContext): Router {
  const router = Router();
  router.use(apiKeyAuth(app));
  router.use(serverConversationRoutes(app));
  router.use(serverWebhookRoutes(app));
  router.use(serverUserDataRoutes(app));

  router.post('/users', async (req, res) => {
    const key = res.locals.key as ActiveKey;
    const input = parseInput(upsertUsersSchema, req.body);
    res.json({ users: await upsertUsers(key.tenantId, input.users) });
  });

  router.get('/users/:userId', async (req, res) => {
    const key = res.locals.key as ActiveKey;
    const { userId } = parseInput(userParams, req.params);
    res.json({ user: await getUser(key.tenantId, userId) });
  });

  router.post('/tokens', async (req, res) => {
    await app.limits.take('tokens', req.ip ?? 'unknown');
    const key = res.locals.key as ActiveKey;
    const input = parseInput(issueTokenSchema, req.body);
    await getUser(key.tenantId, input.userId);
    res.json(signUserToken(key.keyId, key.secret, input.userId, input.ttlSeconds));
  });

  return router;
}
