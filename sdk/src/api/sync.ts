import type { RequestInput, RequestResults } from '../protocol/requests/index.js';
import type { Runtime } from '../client/runtime.js';

/**
 * The change logs, read directly. The client already syncs by itself on every reconnect and
 * on every gap, and delivers each change once through `client.on('change')`; these are for
 * hosts that keep their own copy of the logs.
 */
export class SyncApi {
  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * Every shared change of a conversation after `afterSeq`, in seq order. Read on while
   * `hasMore`, from `lastSeq`. Seqs may skip numbers; an answer is complete up to `lastSeq`.
   *
   * @example
   * let afterSeq = 0;
   * for (;;) {
   *   const page = await client.sync.conversation({ conversationId, afterSeq });
   *   page.changes.forEach(apply);
   *   afterSeq = page.lastSeq;
   *   if (!page.hasMore) break;
   * }
   */
  conversation(
    input: RequestInput<'sync.conversation'>,
  ): Promise<RequestResults['sync.conversation']> {
    return this.runtime.request('sync.conversation', input);
  }

  /**
   * Every private change of the user after `afterSeq` (userSeq order).
   *
   * @example
   * const { changes, lastSeq } = await client.sync.user({ afterSeq: savedUserSeq });
   */
  user(input: RequestInput<'sync.user'>): Promise<RequestResults['sync.user']> {
    return this.runtime.request('sync.user', input);
  }
}
