import { requestSchemas } from '@confab/sdk/protocol';
import type { ParsedRequest, RequestName, RequestResults } from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';
import {
  createGroup,
  getConversation,
  listConversations,
  openDirect,
} from '../domain/conversations.js';
import { listMessages, sendMessage } from '../domain/messages.js';
import { fromZodError } from '../errors.js';

type Handler<N extends RequestName> = (
  ctx: UserContext,
  input: ParsedRequest<N>,
) => Promise<RequestResults[N]>;

/** Every request a user can make, bound to the code that serves it. */
const handlers: { [N in RequestName]: Handler<N> } = {
  'conversation.list': listConversations,
  'conversation.get': getConversation,
  'conversation.openDirect': openDirect,
  'conversation.createGroup': createGroup,
  'message.send': sendMessage,
  'message.list': listMessages,
};

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
  const handler = handlers[name] as Handler<N>;
  return handler(ctx, parsed.data as ParsedRequest<N>);
}
