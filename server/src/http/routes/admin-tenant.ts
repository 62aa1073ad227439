import { Router } from 'express';

import {
  createKey,
  getKey,
  listKeys,
  revokeKey,
  rotateKey,
  rotateSchema,
} from '../../admin/api-keys.js';
import { getAuditEntry, listAudit } from '../../admin/audit-log.js';
import { dashboard } from '../../admin/dashboard.js';
import { getSettings, settingsSchema, updateSettings } from '../../admin/settings.js';
import {
  addAdmin,
  adminEditSchema,
  editAdmin,
  getStaff,
  listAdmins,
  newAdminSchema,
} from '../../admin/staff.js';
import { parseInput } from '../parse-input.js';
import { adminOf, allow, pathId } from './admin-guards.js';

/** The tenant itself: dashboard, settings, API keys, staff accounts and the audit log. */
export function adminTenantRoutes(): Router {
  const router = Router();

  router.get('/dashboard', allow('view'), async (_req, res) => {
    res.json({ data: await dashboard(adminOf(res)) });
  });

  router.get('/settings/tenant', allow('view'), async (_req, res) => {
    res.json({ data: await getSettings(adminOf(res)) });
  });

  router.put('/settings/tenant', allow('settings.manage'), async (req, res) => {
    const input = parseInput(settingsSchema, req.body);
    res.json({ data: await updateSettings(adminOf(res), input) });
  });

  router.get('/api-keys', allow('keys.manage'), async (req, res) => {
    res.json(await listKeys(adminOf(res), req.query));
  });

  router.get('/api-keys/:id', allow('keys.manage'), async (req, res) => {
    res.json({ data: await getKey(adminOf(res), pathId(req)) });
  });

  router.post('/api-keys', allow('keys.manage'), async (_req, res) => {
    res.status(201).json({ data: await createKey(adminOf(res)) });
  });

  router.post('/api-keys/:id/rotate', allow('keys.manage'), async (req, res) => {
    const { overlapHours } = parseInput(rotateSchema, req.body);
    res.status(201).json({ data: await rotateKey(adminOf(res), pathId(req), overlapHours) });
  });

  router.delete('/api-keys/:id', allow('keys.manage'), async (req, res) => {
    res.json({ data: await revokeKey(adminOf(res), pathId(req)) });
  });

  router.get('/admins', allow('admins.manage'), async (req, res) => {
    res.json(await listAdmins(adminOf(res), req.query));
  });

  router.get('/admins/:id', allow('admins.manage'), async (req, res) => {
    res.json({ data: await getStaff(adminOf(res), pathId(req)) });
  });

  router.post('/admins', allow('admins.manage'), async (req, res) => {
    const input = parseInput(newAdminSchema, req.body);
    res.status(201).json({ data: await addAdmin(adminOf(res), input) });
  });

  router.put('/admins/:id', allow('admins.manage'), async (req, res) => {
    const input = parseInput(adminEditSchema, req.body);
    res.json({ data: await editAdmin(adminOf(res), pathId(req), input) });
  });

  router.get('/audit', allow('audit.view'), async (req, res) => {
    res.json(await listAudit(adminOf(res), req.query));
  });

  router.get('/audit/:id', allow('audit.view'), async (req, res) => {
    res.json({ data: await getAuditEntry(adminOf(res), pathId(req)) });
  });

  return router;
}
