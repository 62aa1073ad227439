import { requestSchemas } from '@confab/sdk/protocol';
import type { ParsedRequest, RequestName, RequestResults } from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';
import { cachedTenant } from '../domain/tenants.js';
import type { LimitName } from '../limits/rate-limits.js';
import { fromZodError } from '../errors.js';
import { contactHandlers } from './contacts.js';
import { conversationHandlers } from './conversations.js';
import { memberHandlers } from './members.js';
import { messageHandlers } from './messages.js';
import { pushHandlers } from './push.js';
import { reactionHandlers } from './reactions.js';
import { readHandlers } from './reads.js';
import { syncHandlers } from './sync.js';
import type { Handler } from './handler.js';

/** Every request a user can make, bound to the code that serves it. */
const handlers = {
  ...conversationHandlers,
  ...memberHandlers,
  ...messageHandlers,
  ...reactionHandlers,
  ...readHandlers,
  ...contactHandlers,
  ...syncHandlers,
  ...pushHandlers,
} satisfies { [N in RequestName]: Handler<N> };

export const requestNames = Object.keys(handlers) as RequestName[];

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(handlers, name);
}

/** Validates a raw payload and runs the request; the one path for REST and realtime alike. */
/** The per-user rate limit each kind of request counts against, besides the tenant's. */
const requestLimits: Partial<Record<RequestName, LimitName>> = {
  'message.send': 'send',
  'message.edit': 'send',
  'reaction.add': 'react',
  'reaction.remove': 'react',
  'typing.start': 'typing',
};

export async function runRequest<N extends RequestName>(
  ctx: UserContext,
  name: N,
  payload: unknown,
): Promise<RequestResults[N]> {
  const parsed = requestSchemas[name].safeParse(payload ?? {});
  if (!parsed.success) throw fromZodError(parsed.error);
  const tenantId = ctx.tenant._id;
  const limit = requestLimits[name];
  // Settings may have changed since the socket connected.
  const [tenant] = await Promise.all([
    cachedTenant(tenantId),
    ctx.app.limits.take('tenant', tenantId),
    limit && ctx.app.limits.take(limit, `${tenantId}:${ctx.userId}`),
  ]);
  const handler = handlers[name] as unknown as Handler<N>;
  return handler({ ...ctx, tenant }, parsed.data as ParsedRequest<N>);
}
