/**
 * The events a tenant's webhook endpoints can subscribe to; `*` subscribes to every one. Each
 * is posted as `{ id, type, createdAt, data }`, signed (see docs/jobs.md).
 */
export const WEBHOOK_EVENTS = [
  'message.new',
  'message.edited',
  'message.deleted',
  'message.recalled',
  'member.joined',
  'member.left',
  'conversation.created',
  'notification',
  'user.banned',
  'user.erased',
  'flag.created',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
