import { Router } from 'express';

import { getFailedJob, listFailedJobs, queueHealth, retryFailedJob } from '../../admin/jobs.js';
import { getDataRequestRecord, listDataRequests, startDataRequest } from '../../admin/user-data.js';
import {
  addWebhook,
  editWebhook,
  getDeliveryRecord,
  getWebhookRecord,
  listDeliveryRecords,
  listWebhookRecords,
  redeliverRecord,
  removeWebhook,
  rotateWebhook,
  webhookCreateSchema,
  webhookEditSchema,
} from '../../admin/webhooks.js';
import { sendArchive } from '../send-archive.js';
import { parseInput } from '../parse-input.js';
import { adminOf, allow, pathId } from './admin-guards.js';

/** What runs in the background: webhooks and deliveries, failed jobs, users' data requests. */
export function adminJobRoutes(): Router {
  const router = Router();

  router.get('/webhooks', allow('webhooks.manage'), async (req, res) => {
    res.json(await listWebhookRecords(adminOf(res), req.query));
  });
  router.get('/webhooks/:id', allow('webhooks.manage'), async (req, res) => {
    res.json({ data: await getWebhookRecord(adminOf(res), pathId(req)) });
  });
  router.post('/webhooks', allow('webhooks.manage'), async (req, res) => {
    const input = parseInput(webhookCreateSchema, req.body);
    res.status(201).json({ data: await addWebhook(adminOf(res), input) });
  });
  router.put('/webhooks/:id', allow('webhooks.manage'), async (req, res) => {
    const input = parseInput(webhookEditSchema, req.body);
    res.json({ data: await editWebhook(adminOf(res), pathId(req), input) });
  });
  router.delete('/webhooks/:id', allow('webhooks.manage'), async (req, res) => {
    res.json({ data: await removeWebhook(adminOf(res), pathId(req)) });
  });
  router.post('/webhooks/:id/rotate', allow('webhooks.manage'), async (req, res) => {
    res.json({ data: await rotateWebhook(adminOf(res), pathId(req)) });
  });

  router.get('/deliveries', allow('webhooks.manage'), async (req, res) => {
    res.json(await listDeliveryRecords(adminOf(res), req.query));
  });
  router.get('/deliveries/:id', allow('webhooks.manage'), async (req, res) => {
    res.json({ data: await getDeliveryRecord(adminOf(res), pathId(req)) });
  });
  router.post('/deliveries/:id/redeliver', allow('webhooks.manage'), async (req, res) => {
    res.status(202).json({ data: await redeliverRecord(adminOf(res), pathId(req)) });
  });

  router.get('/queues', allow('view'), async (_req, res) => {
    const data = await queueHealth(adminOf(res));
    res.json({ data: data.map((queue) => ({ id: queue.name, ...queue })), total: data.length });
  });
  router.get('/failed-jobs', allow('view'), async (req, res) => {
    res.json(await listFailedJobs(adminOf(res), req.query));
  });
  router.get('/failed-jobs/:id', allow('view'), async (req, res) => {
    res.json({ data: await getFailedJob(adminOf(res), pathId(req)) });
  });
  router.post('/failed-jobs/:id/retry', allow('jobs.retry'), async (req, res) => {
    res.json({ data: await retryFailedJob(adminOf(res), pathId(req)) });
  });

  router.post('/users/:userId/export', allow('users.data'), async (req, res) => {
    const request = await startDataRequest(adminOf(res), pathId(req, 'userId'), 'export');
    res.status(202).json({ data: request });
  });
  router.post('/users/:userId/erase', allow('users.data'), async (req, res) => {
    const request = await startDataRequest(adminOf(res), pathId(req, 'userId'), 'erase');
    res.status(202).json({ data: request });
  });
  router.get('/data-requests', allow('users.data'), async (req, res) => {
    res.json(await listDataRequests(adminOf(res), req.query));
  });
  router.get('/data-requests/:id', allow('users.data'), async (req, res) => {
    res.json({ data: await getDataRequestRecord(adminOf(res), pathId(req)) });
  });
  router.get('/data-requests/:id/archive', allow('users.data'), async (req, res) => {
    await sendArchive(res, adminOf(res).tenant._id, pathId(req));
  });

  return router;
}
