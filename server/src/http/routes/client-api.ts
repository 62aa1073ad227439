import type { RequestName } from '@confab/sdk/protocol';
import { Router } from 'express';
import type { Request, RequestHandler } from 'express';

import { assertOriginAllowed } from '../../auth/origins.js';
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
    assertOriginAllowed(ctx.tenant, req.headers.origin, req.headers.host);
    res.locals.user = { ...ctx, log: ctx.log.child({ reqId: req.id }) };
    next();
  };
}

/** Digits become numbers before validation: query strings and path parts are text. */
function numeric(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
}

/** The request's query, path parameters and body as one input, in that order of precedence. */
function input(req: Request): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(req.query)) out[key] = numeric(value);
  const body = req.body as unknown;
  if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(out, body);
  for (const [key, value] of Object.entries(req.params)) out[key] = numeric(value);
  return out;
}

/** `?userIds=a,b` and `?userIds=a&userIds=b` both give a list. */
function listParam(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',');
  return value;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Route = [
  method: Method,
  path: string,
  name: RequestName,
  adapt?: (raw: Record<string, unknown>) => unknown,
];

const conversation = '/conversations/:conversationId';
const message = `${conversation}/messages/:seq`;

/**
 * The REST face of the request catalogue: each route runs the same request, with the same
 * validation and answer, as the realtime event of that name.
 */
export const userApiRoutes: Route[] = [
  ['get', '/conversations', 'conversation.list'],
  ['post', '/conversations/direct', 'conversation.openDirect'],
  ['post', '/conversations/groups', 'conversation.createGroup'],
  ['get', conversation, 'conversation.get'],
  ['patch', conversation, 'conversation.update'],
  ['post', `${conversation}/leave`, 'conversation.leave'],
  ['put', `${conversation}/mute`, 'conversation.mute'],
  ['get', `${conversation}/members`, 'member.list'],
  ['post', `${conversation}/members`, 'member.add'],
  ['delete', `${conversation}/members/:userId`, 'member.remove'],
  ['put', `${conversation}/members/:userId/role`, 'member.setRole'],
  ['get', `${conversation}/messages`, 'message.list'],
  ['post', `${conversation}/messages`, 'message.send'],
  ['get', `${conversation}/search`, 'message.search'],
  ['patch', message, 'message.edit'],
  ['delete', message, 'message.delete'],
  ['post', `${message}/recall`, 'message.recall'],
  ['post', `${message}/hide`, 'message.hide'],
  ['post', `${message}/report`, 'message.report'],
  ['post', `${message}/reactions`, 'reaction.add'],
  ['delete', `${message}/reactions/:reaction`, 'reaction.remove'],
  ['get', `${message}/reactions/:reaction`, 'reaction.list'],
  ['get', `${message}/receipts`, 'receipt.get'],
  ['post', `${conversation}/read`, 'read.mark'],
  ['get', `${conversation}/reads`, 'read.positions'],
  ['post', `${conversation}/typing`, 'typing.start'],
  ['get', `${conversation}/changes`, 'sync.conversation'],
  [
    'get',
    '/unread',
    'unread.get',
    (raw) => ({ ...raw, conversationIds: listParam(raw.conversationIds) }),
  ],
  ['get', '/changes', 'sync.user'],
  ['get', '/contacts', 'contact.list'],
  ['post', '/contacts/:userId/request', 'contact.request'],
  ['post', '/contacts/:userId/accept', 'contact.accept'],
  ['post', '/contacts/:userId/decline', 'contact.decline'],
  ['delete', '/contacts/:userId', 'contact.remove'],
  ['post', '/contacts/:userId/block', 'contact.block'],
  ['post', '/contacts/:userId/unblock', 'contact.unblock'],
  ['get', '/presence', 'presence.get', (raw) => ({ ...raw, userIds: listParam(raw.userIds) })],
  ['get', '/push', 'push.config'],
  ['post', '/push/subscriptions', 'push.subscribe'],
  ['delete', '/push/subscriptions', 'push.unsubscribe'],
];

/** Answers that create something are 201, unless the request found it already there. */
const creating = new Set<RequestName>([
  'conversation.createGroup',
  'message.send',
  'reaction.add',
  'contact.request',
]);

export function clientApiRoutes(app: AppContext): Router {
  const router = Router();
  router.use(userAuth(app));

  for (const [method, path, name, adapt] of userApiRoutes) {
    router[method](path, async (req, res) => {
      const ctx = res.locals.user as UserContext;
      const raw = input(req);
      const result = await runRequest(ctx, name, adapt ? adapt(raw) : raw);
      const found = (result as { duplicate?: boolean; changed?: boolean }).duplicate === true;
      res.status(creating.has(name) && !found ? 201 : 200).json(result);
    });
  }
  return router;
}
