import { z } from 'zod';

/** The queues jobs run in; each has its own workers, so slow webhooks never hold up the rest. */
export const queueNames = ['notifications', 'webhooks', 'maintenance'] as const;
export type QueueName = (typeof queueNames)[number];

const id = z.string().min(1).max(200);

/** A tenant-facing event as its webhook body carries it. */
export const webhookEventSchema = z.object({
  id,
  type: z.string().min(1).max(100),
  createdAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/**
 * The catalogue of jobs: which queue each runs in, what its payload is (checked when a worker
 * picks the job up), and how it retries. A payload that fails its schema fails the job at once.
 */
export const jobCatalogue = {
  /** After a message, the conversation's members with unread messages are notified. */
  'notify.conversation': {
    queue: 'notifications',
    schema: z.object({ tenantId: id, conversationId: id }),
    attempts: 5,
  },
  /** One slice of a large group's members, by user id, notified in a job of its own. */
  'notify.members': {
    queue: 'notifications',
    schema: z.object({
      tenantId: id,
      conversationId: id,
      fromUserId: id,
      toUserId: id,
    }),
    attempts: 5,
  },
  /** An event is turned into one delivery per subscribed endpoint. */
  'webhook.fanout': {
    queue: 'webhooks',
    schema: z.object({
      tenantId: id,
      event: webhookEventSchema,
      messageRef: z.object({ conversationId: id, seq: z.number() }).nullable(),
    }),
    attempts: 5,
  },
  /** One delivery to one endpoint; retried with exponential backoff. */
  'webhook.deliver': {
    queue: 'webhooks',
    schema: z.object({ tenantId: id, deliveryId: id }),
    attempts: 'webhook',
  },
  /** Removes what is older than a tenant's retention policy, in batches. */
  'retention.sweep': {
    queue: 'maintenance',
    schema: z.object({ tenantId: id.optional(), now: z.string().optional() }),
    attempts: 3,
  },
  'user.export': {
    queue: 'maintenance',
    schema: z.object({ tenantId: id, requestId: id }),
    attempts: 3,
  },
  'user.erase': {
    queue: 'maintenance',
    schema: z.object({ tenantId: id, requestId: id }),
    attempts: 3,
  },
} as const satisfies Record<
  string,
  { queue: QueueName; schema: z.ZodType; attempts: number | 'webhook' }
>;

export type JobName = keyof typeof jobCatalogue;
export type JobPayload<N extends JobName> = z.infer<(typeof jobCatalogue)[N]['schema']>;
