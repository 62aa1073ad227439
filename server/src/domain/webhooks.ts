import { createHash, createHmac, randomBytes } from 'node:crypto';

import type { WebhookEventType } from '@confab/sdk/protocol';

import { randomId } from '../auth/ids.js';
import { seal, unseal } from '../auth/secret-box.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import type { WebhookEvent } from '../jobs/catalogue.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Delivery, Webhook } from '../store/models/index.js';
import type { DeliveryDoc, WebhookDoc } from '../store/models/index.js';

/**
 * Webhooks: signed events to a tenant's endpoints, at least once, each with a stable event id
 * the receiver de-duplicates by. An event becomes one delivery per subscribed endpoint; each
 * delivery is a job retried with exponential backoff, then the failed list.
 */

export { WEBHOOK_EVENTS } from '@confab/sdk/protocol';

export interface MessageRef {
  conversationId: string;
  seq: number;
}

/**
 * The id of an event, the same every time the same change is announced, so an emission
 * retried after a crash is the same event to BullMQ and to the receiver.
 */
export function eventId(tenantId: string, type: string, key: string): string {
  const digest = createHash('sha256').update(`${tenantId}\n${type}\n${key}`).digest('base64url');
  return `evt_${digest.slice(0, 27)}`;
}

/**
 * Announces an event to the tenant's endpoints, later, through the jobs. Adding the job is
 * the only work on the caller's path; a failure to add it is logged, never thrown, so a
 * user's send never fails because Redis is briefly away (the event is then lost).
 */
export async function emitWebhookEvent(
  app: AppContext,
  tenantId: string,
  type: WebhookEventType,
  key: string,
  data: Record<string, unknown>,
  messageRef: MessageRef | null = null,
): Promise<void> {
  const event: WebhookEvent = {
    id: eventId(tenantId, type, key),
    type,
    createdAt: new Date().toISOString(),
    data,
  };
  try {
    await app.jobs.add('webhook.fanout', { tenantId, event, messageRef }, { jobId: event.id });
  } catch (error) {
    app.log.warn({ err: error, tenantId, eventType: type }, 'webhook event not queued');
  }
}

/** Turns an event into a delivery per endpoint that wants it, and queues each delivery. */
export async function fanOutEvent(
  app: AppContext,
  tenantId: string,
  event: WebhookEvent,
  messageRef: MessageRef | null,
): Promise<number> {
  const hooks = await Webhook.find({ tenantId, active: true }).lean();
  const wanted = hooks.filter((h) => h.events.includes('*') || h.events.includes(event.type));
  for (const hook of wanted) {
    const deliveryId = `dlv_${createHash('sha256').update(`${event.id}\n${hook._id}`).digest('base64url').slice(0, 27)}`;
    try {
      await Delivery.create({
        _id: deliveryId,
        tenantId,
        webhookId: hook._id,
        eventId: event.id,
        eventType: event.type,
        body: event,
        messageRef,
      });
    } catch (error) {
      // Made by an earlier run of this job: queue it again all the same (the id dedupes).
      if (!isDuplicateKeyError(error)) throw error;
    }
    await app.jobs.add('webhook.deliver', { tenantId, deliveryId }, { jobId: deliveryId });
  }
  return wanted.length;
}

/** `Confab-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export class DeliveryFailed extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryFailed';
  }
}

/**
 * Makes one attempt at a delivery: signs the stored body and posts it. A 2xx answer delivers
 * it; anything else throws, so the job retries. A delivery whose endpoint is gone or disabled
 * fails for good.
 */
export async function attemptDelivery(
  app: AppContext,
  tenantId: string,
  deliveryId: string,
): Promise<void> {
  const delivery = await Delivery.findOne({ _id: deliveryId, tenantId }).lean();
  if (!delivery || delivery.status === 'delivered') return;
  const hook = await Webhook.findOne({ _id: delivery.webhookId, tenantId }).lean();
  if (!hook || !hook.active) {
    await recordAttempt(delivery, {
      status: 'failed',
      error: 'the endpoint was removed or disabled',
    });
    throw new DeliveryFailed('endpoint removed or disabled', true);
  }

  const body = JSON.stringify(delivery.body);
  const timestamp = Math.floor(Date.now() / 1000);
  const secret = unseal(app.config.MASTER_KEY, hook.secretSealed);
  let statusCode: number | null = null;
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Confab-Webhooks/1',
        'confab-event-id': delivery.eventId,
        'confab-event-type': delivery.eventType,
        'confab-signature': signatureHeader(secret, body, timestamp),
      },
      body,
      signal: AbortSignal.timeout(app.config.WEBHOOK_TIMEOUT_MS),
      redirect: 'manual',
    });
    statusCode = response.status;
    await response.body?.cancel().catch(() => undefined);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await recordAttempt(delivery, { error: reason });
    throw new DeliveryFailed(`could not reach the endpoint: ${reason}`);
  }
  if (statusCode >= 200 && statusCode < 300) {
    await recordAttempt(delivery, { status: 'delivered', statusCode });
    return;
  }
  await recordAttempt(delivery, { statusCode, error: `the endpoint answered ${statusCode}` });
  throw new DeliveryFailed(`the endpoint answered ${statusCode}`);
}

async function recordAttempt(
  delivery: Pick<DeliveryDoc, '_id' | 'tenantId'>,
  outcome: { status?: 'delivered' | 'failed'; statusCode?: number; error?: string },
): Promise<void> {
  const set: Record<string, unknown> = { lastAttemptAt: new Date() };
  if (outcome.status) set.status = outcome.status;
  if (outcome.status === 'delivered') {
    set.deliveredAt = new Date();
    set.lastError = null;
  }
  if (outcome.statusCode !== undefined) set.lastStatusCode = outcome.statusCode;
  if (outcome.error !== undefined) set.lastError = outcome.error.slice(0, 500);
  await Delivery.updateOne(
    { _id: delivery._id, tenantId: delivery.tenantId },
    { $set: set, $inc: { attempts: 1 } },
  );
}

/** Marks a delivery failed once its job has used up its attempts. */
export async function markDeliveryFailed(tenantId: string, deliveryId: string): Promise<void> {
  await Delivery.updateOne(
    { _id: deliveryId, tenantId, status: 'pending' },
    { $set: { status: 'failed' } },
  );
}

/** Sends a delivery again, with the same event id and body, as a new job. */
export async function redeliver(app: AppContext, tenantId: string, deliveryId: string) {
  const delivery = await Delivery.findOneAndUpdate(
    { _id: deliveryId, tenantId },
    { $set: { status: 'pending' } },
    { new: true },
  ).lean();
  if (!delivery) throw notFound('Delivery');
  const jobId = `${deliveryId}-r${Date.now().toString(36)}`;
  await app.jobs.add('webhook.deliver', { tenantId, deliveryId }, { jobId });
  return deliveryView(delivery);
}

/**
 * Erases a message's text from the bodies of deliveries that carry it, sent or pending, once
 * the message is deleted for everyone or recalled: its content goes from everywhere.
 */
export async function scrubDeliveries(
  tenantId: string,
  conversationId: string,
  seq: number,
  state: 'deleted' | 'recalled',
): Promise<void> {
  const ref = { tenantId, 'messageRef.conversationId': conversationId, 'messageRef.seq': seq };
  await Delivery.updateMany(
    { ...ref, eventType: 'notification' },
    { $set: { 'body.data.preview.text': '', 'body.data.preview.state': state } },
  );
  await Delivery.updateMany(
    { ...ref, eventType: { $ne: 'notification' } },
    {
      $set: {
        'body.data.message.text': '',
        'body.data.message.mentions': [],
        'body.data.message.state': state,
      },
    },
  );
}

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string | undefined;
}

export function webhookView(doc: WebhookDoc) {
  return {
    id: doc._id,
    url: doc.url,
    events: [...doc.events],
    description: doc.description ?? '',
    active: doc.active,
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}

export function deliveryView(doc: DeliveryDoc) {
  return {
    id: doc._id,
    webhookId: doc.webhookId,
    eventId: doc.eventId,
    eventType: doc.eventType,
    status: doc.status,
    attempts: doc.attempts,
    lastStatusCode: doc.lastStatusCode ?? null,
    lastError: doc.lastError ?? null,
    lastAttemptAt: doc.lastAttemptAt ? new Date(doc.lastAttemptAt).toISOString() : null,
    deliveredAt: doc.deliveredAt ? new Date(doc.deliveredAt).toISOString() : null,
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}

/** Registers an endpoint; its signing secret is answered this once. */
export async function createWebhook(app: AppContext, tenantId: string, input: WebhookInput) {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const made = await Webhook.create({
    _id: randomId('wh', 9),
    tenantId,
    url: input.url,
    events: input.events,
    description: input.description ?? '',
    secretSealed: seal(app.config.MASTER_KEY, secret),
  });
  return { webhook: webhookView(made.toObject() as WebhookDoc), secret };
}

export async function listWebhooks(tenantId: string) {
  const docs = await Webhook.find({ tenantId }).sort({ createdAt: 1 }).lean();
  return docs.map((doc) => webhookView(doc));
}

export async function updateWebhook(
  tenantId: string,
  webhookId: string,
  changes: Partial<WebhookInput> & { active?: boolean | undefined },
) {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const doc = await Webhook.findOneAndUpdate(
    { _id: webhookId, tenantId },
    { $set: set },
    { new: true },
  ).lean();
  if (!doc) throw notFound('Webhook');
  return webhookView(doc);
}

export async function deleteWebhook(tenantId: string, webhookId: string): Promise<void> {
  const result = await Webhook.deleteOne({ _id: webhookId, tenantId });
  if (result.deletedCount === 0) throw notFound('Webhook');
}

/** A new signing secret, answered this once; the old one stops working at once. */
export async function rotateWebhookSecret(app: AppContext, tenantId: string, webhookId: string) {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const doc = await Webhook.findOneAndUpdate(
    { _id: webhookId, tenantId },
    { $set: { secretSealed: seal(app.config.MASTER_KEY, secret) } },
    { new: true },
  ).lean();
  if (!doc) throw notFound('Webhook');
  return { webhook: webhookView(doc), secret };
}

/** An endpoint's deliveries, newest first, optionally of one status. */
export async function listDeliveries(
  tenantId: string,
  webhookId: string,
  status: string | undefined,
  limit: number,
) {
  const filter: Record<string, unknown> = { tenantId, webhookId };
  if (status) filter.status = status;
  const docs = await Delivery.find(filter).sort({ createdAt: -1 }).limit(limit).lean();
  return docs.map((doc) => deliveryView(doc));
}
