import type { TenantDoc } from '../store/models/index.js';
import { AppError } from '../errors.js';

/**
 * Whether a browser page at `origin` may use the tenant's user API: any page while the tenant
 * lists no origins, else only the ones it lists. Requests without an Origin header come from
 * programs, not pages (a browser always sends one across origins), so they are let through:
 * the check protects users' browsers, and a token holder outside one needs no page at all.
 */
export function assertOriginAllowed(tenant: TenantDoc, origin: string | undefined): void {
  const allowed = tenant.settings.allowedOrigins ?? [];
  if (!origin || allowed.length === 0) return;
  if (allowed.includes(origin)) return;
  throw new AppError('forbidden', `Pages at ${origin} may not use this app`);
}
