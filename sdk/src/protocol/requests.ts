import { z } from 'zod';

import * as field from './fields.js';
import type { Conversation, ConversationPage, Message, MessagePage } from './models.js';

/**
 * The catalogue of requests a connected user makes. Over Socket.IO each is an event of the
 * same name with an ack; over REST each has a route. The server validates every input with
 * these schemas; the SDK derives its method types from them.
 */
export const requestSchemas = {
  'conversation.list': z.object({
    limit: field.pageLimit,
    /** An opaque cursor from the previous page's `next`. */
    before: z.string().max(200).optional(),
  }),
  'conversation.get': z.object({
    conversationId: field.conversationId,
  }),
  'conversation.openDirect': z.object({
    userId: field.userId,
  }),
  'conversation.createGroup': z.object({
    title: field.displayName,
    avatarUrl: field.url.optional(),
    memberIds: z.array(field.userId).min(1).max(500),
  }),
  'message.send': z.object({
    conversationId: field.conversationId,
    clientId: field.clientId,
    /** Checked against the tenant's own limit too; this is the hard cap. */
    text: field.safeText(20_000, 1),
  }),
  'message.list': z
    .object({
      conversationId: field.conversationId,
      /** Messages with a seq lower than this, newest first page; the default is the end. */
      beforeSeq: field.seq.optional(),
      /** Messages with a seq higher than this, oldest first. */
      afterSeq: field.seq.optional(),
      limit: field.pageLimit,
    })
    .refine((input) => input.beforeSeq === undefined || input.afterSeq === undefined, {
      message: 'give beforeSeq or afterSeq, not both',
      path: ['afterSeq'],
    }),
} as const;

export type RequestName = keyof typeof requestSchemas;

/** What a request accepts, with optional fields (defaults are filled in by the server). */
export type RequestInput<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

/** What the server sees after validation, with defaults applied. */
export type ParsedRequest<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

/** What each request answers with when it succeeds. */
export interface RequestResults {
  'conversation.list': ConversationPage;
  'conversation.get': Conversation;
  'conversation.openDirect': Conversation;
  'conversation.createGroup': Conversation;
  'message.send': { message: Message; duplicate: boolean };
  'message.list': MessagePage;
}
