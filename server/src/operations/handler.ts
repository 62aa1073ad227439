import type { ParsedRequest, RequestName, RequestResults } from '@confab/sdk/protocol';

import type { UserContext } from '../context.js';

/** The code that serves one request, after its input has been validated. */
export type Handler<N extends RequestName> = (
  ctx: UserContext,
  input: ParsedRequest<N>,
) => Promise<RequestResults[N]>;

/** The handlers of one group of requests, checked against the catalogue. */
export type Handlers<N extends RequestName> = { [K in N]: Handler<K> };
