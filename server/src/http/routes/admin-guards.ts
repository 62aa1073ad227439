import type { Request, RequestHandler, Response } from 'express';

import type { AdminContext } from '../../admin/context.js';
import { requirePermission } from '../../admin/permissions.js';
import type { Permission } from '../../admin/permissions.js';
import { readSession } from '../../admin/sessions.js';
import type { AppContext } from '../../context.js';
import { cachedTenant } from '../../domain/tenants.js';
import { AppError, notFound } from '../../errors.js';
import { Admin } from '../../store/models/index.js';
import type { AdminDoc } from '../../store/models/index.js';

export const SESSION_COOKIE = 'confab_admin';
/** Every console request carries this header; a page on another site cannot send it. */
export const CSRF_HEADER = 'x-confab-admin';

/**
 * Refuses requests that did not come from the console's own page. A cross-site form or
 * script cannot set a custom header without a CORS preflight, which this api never grants;
 * the cookie's SameSite=Strict and the browser's Sec-Fetch-Site are two more locks.
 */
export const csrfGuard: RequestHandler = (req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  if (req.headers[CSRF_HEADER] !== '1') {
    throw new AppError('forbidden', `Console requests must send the ${CSRF_HEADER}: 1 header`);
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    throw new AppError('forbidden', 'Console requests must come from the console itself');
  }
  next();
};

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Loads the signed-in admin from the session cookie, afresh on every request, so a role
 * change or a disabled account holds at once.
 */
export function requireAdmin(app: AppContext): RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await readSession(app, token) : null;
    if (!session) throw new AppError('unauthorized', 'Sign in to the console');
    const admin = await Admin.findOne({ _id: session.adminId, tenantId: session.tenantId }).lean();
    if (!admin || admin.status !== 'active') {
      throw new AppError('unauthorized', 'This account cannot sign in any more');
    }
    const tenant = await cachedTenant(session.tenantId);
    const log = req.log.child({ tenantId: tenant._id, adminId: admin._id });
    req.log = log;
    const ctx: AdminContext = { app, tenant, admin: admin as AdminDoc, log };
    res.locals.admin = ctx;
    next();
  };
}

export function adminOf(res: Response): AdminContext {
  return res.locals.admin as AdminContext;
}

/** Lets the request on only if the admin's role has the permission (see permissions.ts). */
export function allow(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    requirePermission(adminOf(res).admin.role, permission);
    next();
  };
}

/** A path parameter as one string; Express types allow a list (wildcards), which ids never are. */
export function pathId(req: Request, name = 'id'): string {
  const value: unknown = req.params[name];
  if (typeof value !== 'string' || value.length === 0) throw notFound('Record');
  return value;
}
