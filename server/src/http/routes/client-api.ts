import type { RequestName } from '@confab/sdk/protocol';
import { Router } from 'express';
import type { Request, RequestHandler } from 'express';

import { authenticateUser } from '../../auth/user-context.js';
import type { AppContext, UserContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { runRequest } from '../../operations/catalogue.js';

/** Reads `Authorization: Bearer <user token>`. */
function userAuth(app: AppContext): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw new AppError('unauthorized', 'Send the user token as a Bearer token');
    const { ctx } = await authenticateUser(app, match[1]);
    res.locals.user = { ...ctx, log: ctx.log.child({ reqId: req.id }) };
    next();
  };
}

/** Query strings are text; numbers written in digits become numbers before validation. */
function query(req: Request): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(req.query)) {
    out[key] = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  }
  return out;
}

type InputOf = (req: Request) => unknown;

/** The REST face of the request catalogue: each route runs the same request as its event. */
const routes: [method: 'get' | 'post', path: string, name: RequestName, input: InputOf][] = [
  ['get', '/conversations', 'conversation.list', (req) => query(req)],
  ['post', '/conversations/direct', 'conversation.openDirect', (req) => req.body],
  ['post', '/conversations/groups', 'conversation.createGroup', (req) => req.body],
  [
    'get',
    '/conversations/:conversationId',
    'conversation.get',
    (req) => ({ conversationId: req.params.conversationId }),
  ],
  [
    'get',
    '/conversations/:conversationId/messages',
    'message.list',
    (req) => ({ ...query(req), conversationId: req.params.conversationId }),
  ],
  [
    'post',
    '/conversations/:conversationId/messages',
    'message.send',
    (req) => ({ ...(req.body as object), conversationId: req.params.conversationId }),
  ],
];

export function clientApiRoutes(app: AppContext): Router {
  const router = Router();
  router.use(userAuth(app));

  for (const [method, path, name, input] of routes) {
    router[method](path, async (req, res) => {
      const ctx = res.locals.user as UserContext;
      const result = await runRequest(ctx, name, input(req));
      const duplicate = (result as { duplicate?: boolean }).duplicate === true;
      res.status(method === 'post' && !duplicate ? 201 : 200).json(result);
    });
  }
  return router;
}
