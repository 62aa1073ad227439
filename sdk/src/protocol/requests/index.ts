import type { z } from 'zod';

import { contactRequests } from './contacts.js';
import type { ContactResults } from './contacts.js';
import { conversationRequests } from './conversations.js';
import type { ConversationResults } from './conversations.js';
import { memberRequests } from './members.js';
import type { MemberResults } from './members.js';
import { messageRequests } from './messages.js';
import type { MessageResults } from './messages.js';
import { pushRequests } from './push.js';
import type { PushResults } from './push.js';
import { reactionRequests } from './reactions.js';
import type { ReactionResults } from './reactions.js';
import { readRequests } from './reads.js';
import type { ReadResults } from './reads.js';
import { syncRequests } from './sync.js';
import type { SyncResults } from './sync.js';

/**
 * The catalogue of requests a connected user makes. Over Socket.IO each is an event of the
 * same name with an ack; over REST each has a route. The server validates every input with
 * these schemas; the SDK derives its method types from them.
 */
export const requestSchemas = {
  ...conversationRequests,
  ...memberRequests,
  ...messageRequests,
  ...reactionRequests,
  ...readRequests,
  ...contactRequests,
  ...syncRequests,
  ...pushRequests,
} as const;

export type RequestName = keyof typeof requestSchemas;

/** What a request accepts, with optional fields (defaults are filled in by the server). */
export type RequestInput<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

/** What the server sees after validation, with defaults applied. */
export type ParsedRequest<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

/** What each request answers with when it succeeds. */
export interface RequestResults
  extends
    ConversationResults,
    MemberResults,
    MessageResults,
    ReactionResults,
    ReadResults,
    ContactResults,
    SyncResults,
    PushResults {}
