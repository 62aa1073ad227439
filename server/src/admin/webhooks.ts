import { z } from 'zod';

import { notFound } from '../errors.js';
import { field } from '@confab/sdk/protocol';
import {
  WEBHOOK_EVENTS,
  createWebhook,
  deleteWebhook,
  deliveryView,
  redeliver,
  rotateWebhookSecret,
  updateWebhook,
  webhookView,
} from '../domain/webhooks.js';
import { Delivery, Webhook } from '../store/models/index.js';
import type { DeliveryDoc, WebhookDoc } from '../store/models/index.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { findPage, idFilter, listQuery } from './list-query.js';

/**
 * The tenant's webhook endpoints and their delivery log, for the console. A new or rotated
 * secret is in that one answer only; the audit log records that it changed, never the value.
 */

const events = z.array(z.enum(['*', ...WEBHOOK_EVENTS])).min(1);
const url = field.url.refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');

export const webhookCreateSchema = z.object({
  url,
  events: events.default(['*']),
  description: field.safeText(200).optional(),
});

export const webhookEditSchema = z.object({
  url: url.optional(),
  events: events.optional(),
  description: field.safeText(200).optional(),
  active: z.boolean().optional(),
});

const webhookFilter = z.object({ id: idFilter, active: z.boolean().optional() });
const deliveryFilter = z.object({
  id: idFilter,
  webhookId: z.string().max(64).optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  eventType: z.string().max(64).optional(),
});

export async function listWebhookRecords(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, { createdAt: 'createdAt', url: 'url' }, 'DESC', webhookFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  if (list.filter.id) where._id = { $in: list.filter.id };
  if (list.filter.active !== undefined) where.active = list.filter.active;
  const { docs, total } = await findPage<WebhookDoc>(Webhook, where, list);
  return { data: docs.map(webhookView), total };
}

export async function getWebhookRecord(ctx: AdminContext, id: string) {
  const doc = await Webhook.findOne({ _id: id, tenantId: ctx.tenant._id }).lean();
  if (!doc) throw notFound('Webhook');
  return webhookView(doc);
}

export async function addWebhook(ctx: AdminContext, input: z.infer<typeof webhookCreateSchema>) {
  const { webhook, secret } = await createWebhook(ctx.app, ctx.tenant._id, input);
  await audit(ctx, 'webhook.create', { type: 'webhook', id: webhook.id }, null, {
    url: webhook.url,
    events: webhook.events,
  });
  return { ...webhook, secret };
}

export async function editWebhook(
  ctx: AdminContext,
  id: string,
  input: z.infer<typeof webhookEditSchema>,
) {
  const before = await getWebhookRecord(ctx, id);
  const after = await updateWebhook(ctx.tenant._id, id, input);
  await audit(
    ctx,
    'webhook.update',
    { type: 'webhook', id },
    { url: before.url, events: before.events, active: before.active },
    { url: after.url, events: after.events, active: after.active },
  );
  return after;
}

export async function removeWebhook(ctx: AdminContext, id: string) {
  const before = await getWebhookRecord(ctx, id);
  await deleteWebhook(ctx.tenant._id, id);
  await audit(ctx, 'webhook.delete', { type: 'webhook', id }, { url: before.url }, null);
  return before;
}

export async function rotateWebhook(ctx: AdminContext, id: string) {
  const { webhook, secret } = await rotateWebhookSecret(ctx.app, ctx.tenant._id, id);
  await audit(ctx, 'webhook.rotate', { type: 'webhook', id }, null, { secret: 'rotated' });
  return { ...webhook, secret };
}

export async function listDeliveryRecords(ctx: AdminContext, query: unknown) {
  const list = listQuery(
    query,
    { createdAt: 'createdAt', status: 'status' },
    'DESC',
    deliveryFilter,
  );
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  if (list.filter.id) where._id = { $in: list.filter.id };
  for (const key of ['webhookId', 'status', 'eventType'] as const) {
    if (list.filter[key]) where[key] = list.filter[key];
  }
  const { docs, total } = await findPage<DeliveryDoc>(Delivery, where, list);
  return { data: docs.map(deliveryView), total };
}

export async function getDeliveryRecord(ctx: AdminContext, id: string) {
  const doc = await Delivery.findOne({ _id: id, tenantId: ctx.tenant._id }).lean();
  if (!doc) throw notFound('Delivery');
  return { ...deliveryView(doc), body: doc.body };
}

export async function redeliverRecord(ctx: AdminContext, id: string) {
  const delivery = await redeliver(ctx.app, ctx.tenant._id, id);
  await audit(ctx, 'delivery.redeliver', { type: 'delivery', id }, null, { status: 'pending' });
  return delivery;
}
