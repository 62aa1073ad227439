import { Router } from 'express';
import type { Response } from 'express';
import { z } from 'zod';

import { findByPassword, normalEmail } from '../../admin/accounts.js';
import type { AdminContext } from '../../admin/context.js';
import type { LoginGuard } from '../../admin/login-guard.js';
import { permissionsOf } from '../../admin/permissions.js';
import { createSession, endSession } from '../../admin/sessions.js';
import type { AppContext } from '../../context.js';
import { cachedTenant } from '../../domain/tenants.js';
import { AppError } from '../../errors.js';
import { Admin } from '../../store/models/index.js';
import { parseInput } from '../parse-input.js';
import { SESSION_COOKIE, adminOf, readCookie, requireAdmin } from './admin-guards.js';

const loginSchema = z.object({
  appId: z.string().min(1).max(64),
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});

/** The signed-in admin as the console shows it, with what their role may do. */
export function sessionView(ctx: AdminContext) {
  const { admin, tenant } = ctx;
  return {
    id: admin._id,
    email: admin.email,
    name: admin.name ?? '',
    role: admin.role,
    appId: tenant._id,
    appName: tenant.name,
    permissions: permissionsOf(admin.role),
  };
}

function setCookie(app: AppContext, res: Response, token: string, maxAgeSeconds: number): void {
  const secure = (app.config.PUBLIC_URL ?? '').startsWith('https:');
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/admin',
    maxAge: maxAgeSeconds * 1000,
  });
}

/**
 * Sign-in, the current session and sign-out at `/session`. A failed sign-in says only that
 * the email or password was wrong, whichever it was, and counts towards the brute-force limits.
 */
export function adminSessionRoutes(app: AppContext, guard: LoginGuard): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    const input = parseInput(loginSchema, req.body);
    const account = `${input.appId}:${normalEmail(input.email)}`;
    const address = req.ip ?? 'unknown';
    await guard.check(account, address);

    const admin = await findByPassword(input.appId, input.email, input.password);
    if (!admin) {
      await guard.failed(account, address);
      throw new AppError('unauthorized', 'Wrong app id, email or password');
    }
    await guard.succeeded(account);
    const token = await createSession(app, admin._id, admin.tenantId);
    await Admin.updateOne({ _id: admin._id }, { $set: { lastLoginAt: new Date() } });
    setCookie(app, res, token, app.config.ADMIN_SESSION_MAX_SECONDS);
    req.log.info({ tenantId: admin.tenantId, adminId: admin._id }, 'admin signed in');

    const tenant = await cachedTenant(admin.tenantId);
    res.json({ data: sessionView({ app, tenant, admin, log: req.log }) });
  });

  router.get('/session', requireAdmin(app), (_req, res) => {
    res.json({ data: sessionView(adminOf(res)) });
  });

  router.delete('/session', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await endSession(app, token);
    setCookie(app, res, '', 0);
    res.json({ data: { signedOut: true } });
  });

  return router;
}
