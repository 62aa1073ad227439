import { z } from 'zod';

import * as field from '../fields.js';
import type { Message, MessagePage } from '../models.js';

const target = { conversationId: field.conversationId, seq: field.seq.min(1) };

export const messageRequests = {
  'message.send': z.object({
    conversationId: field.conversationId,
    clientId: field.clientId,
    /** Checked against the tenant's own limit too; this is the hard cap. */
    text: field.safeText(20_000, 1),
    /** The seq of the message this one replies to. */
    replyToSeq: field.seq.min(1).optional(),
    /** Members mentioned; ids of non-members are dropped. */
    mentions: z.array(field.userId).max(50).optional(),
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
  /** The sender only, within the tenant's edit window. */
  'message.edit': z.object({ ...target, text: field.safeText(20_000, 1) }),
  /** Delete for everyone: the sender only; the content is erased. */
  'message.delete': z.object(target),
  /** The sender only, within the tenant's recall window; the content is erased. */
  'message.recall': z.object(target),
  /** Delete for me: hidden on all my devices, nobody else affected. */
  'message.hide': z.object(target),
  /** Messages whose text contains `query` (case-insensitive), newest first. */
  'message.search': z.object({
    conversationId: field.conversationId,
    query: field.safeText(200, 1),
    beforeSeq: field.seq.optional(),
    limit: field.pageLimit,
  }),
  /**
   * Reports someone else's message to the tenant's staff, who review it in the console.
   * Reporting the same message again changes nothing.
   */
  'message.report': z.object({
    ...target,
    reason: z.enum(['spam', 'abuse', 'other']),
    note: field.safeText(500).optional(),
  }),
} as const;

export interface MessageResults {
  'message.send': { message: Message; duplicate: boolean };
  'message.list': MessagePage;
  'message.edit': Message;
  'message.delete': Message;
  'message.recall': Message;
  'message.hide': { hidden: true };
  'message.search': MessagePage;
  'message.report': { reported: true };
}
