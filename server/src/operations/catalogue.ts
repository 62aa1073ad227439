import { requestSchemas } from '@confab/sdk/protocol';
import type { ParsedRequest, RequestName, RequestResults } from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';
import { cachedTenant } from '../domain/tenants.js';
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
export async function runRequest<N extends RequestName>(
  ctx: UserContext,
  name: N,
  payload: unknown,
): Promise<RequestResults[N]> {
  const parsed = requestSchemas[name].safeParse(payload ?? {});
  if (!parsed.success) throw fromZodError(parsed.error);
  const handler = handlers[name] as unknown as Handler<N>;
  // Settings may have changed since the socket connected.
  const tenant = await cachedTenant(ctx.tenant._id);
  return handler({ ...ctx, tenant }, parsed.data as ParsedRequest<N>);
}
