import { Router } from 'express';

import { LoginGuard } from '../../admin/login-guard.js';
import type { AppContext } from '../../context.js';
import { csrfGuard, requireAdmin } from './admin-guards.js';
import { adminConversationRoutes } from './admin-conversations.js';
import { adminJobRoutes } from './admin-jobs.js';
import { adminModerationRoutes } from './admin-moderation.js';
import { adminSessionRoutes } from './admin-session.js';
import { adminTenantRoutes } from './admin-tenant.js';
import { adminUserRoutes } from './admin-users.js';

/**
 * The admin API under `/admin/api`, for the console: sign-in at `/session`, then one resource
 * per path, shaped for react-admin (lists answer `{ data, total }`, records `{ data }`). Every
 * route checks the admin's role against the permission table, and every query is confined to
 * the admin's own tenant: another tenant's records are simply not found.
 */
export function adminApiRoutes(app: AppContext): Router {
  const router = Router();
  const guard = new LoginGuard(app.redis, app.config.REDIS_PREFIX);

  router.use(csrfGuard);
  router.use(adminSessionRoutes(app, guard));
  router.use(requireAdmin(app));
  router.use(adminUserRoutes());
  router.use(adminConversationRoutes());
  router.use(adminModerationRoutes());
  router.use(adminTenantRoutes());
  router.use(adminJobRoutes());
  return router;
}
