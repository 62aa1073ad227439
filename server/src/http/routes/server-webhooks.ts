import { field } from '@confab/sdk/protocol';
import { Router } from 'express';
import type { Response } from 'express';
import { z } from 'zod';

import type { ActiveKey } from '../../auth/api-keys.js';
import type { AppContext } from '../../context.js';
import {
  WEBHOOK_EVENTS,
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  updateWebhook,
} from '../../domain/webhooks.js';
import { parseInput } from '../parse-input.js';

const eventList = z
  .array(z.enum(['*', ...WEBHOOK_EVENTS]))
  .min(1)
  .max(WEBHOOK_EVENTS.length + 1);

const endpointUrl = field.url.refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL');

export const webhookCreateSchema = z.object({
  url: endpointUrl,
  events: eventList.default(['*']),
  description: field.safeText(200).optional(),
});

export const webhookUpdateSchema = z
  .object({
    url: endpointUrl.optional(),
    events: eventList.optional(),
    description: field.safeText(200).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), {
    message: 'give at least one of url, events, description, active',
  });

const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id') });
export const deliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const tenantOf = (res: Response) => (res.locals.key as ActiveKey).tenantId;

/** The tenant backend's webhook endpoints, their delivery log, and redelivery. */
export function serverWebhookRoutes(app: AppContext): Router {
  const router = Router();

  router.post('/webhooks', async (req, res) => {
    const input = parseInput(webhookCreateSchema, req.body);
    res.status(201).json(await createWebhook(app, tenantOf(res), input));
  });

  router.get('/webhooks', async (_req, res) => {
    res.json({ webhooks: await listWebhooks(tenantOf(res)) });
  });

  router.patch('/webhooks/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    const input = parseInput(webhookUpdateSchema, req.body);
    res.json({ webhook: await updateWebhook(tenantOf(res), id, input) });
  });

  router.delete('/webhooks/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    await deleteWebhook(tenantOf(res), id);
    res.json({ deleted: true });
  });

  router.post('/webhooks/:id/rotate-secret', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    res.json(await rotateWebhookSecret(app, tenantOf(res), id));
  });

  router.get('/webhooks/:id/deliveries', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    const query = parseInput(deliveriesQuery, req.query);
    res.json({ deliveries: await listDeliveries(tenantOf(res), id, query.status, query.limit) });
  });

  router.post('/deliveries/:id/redeliver', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    res.status(202).json({ delivery: await redeliver(app, tenantOf(res), id) });
  });

  return router;
}
