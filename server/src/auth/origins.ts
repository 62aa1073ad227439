import type { TenantDoc } from '../store/models/index.js';
import { AppError } from '../errors.js';

/**
 * Whether a browser page at `origin` may use the tenant's user API: any page while the tenant
 * lists no origins, else only the ones it lists. Requests without an Origin header come from
 * programs, not pages (a browser always sends one across origins), so they are let through:
 * the check protects users' browsers, and a token holder outside one needs no page at all.
 * A page of the api's own origin (`host`, the Host header) is the widget's frame, which the
 * api serves only to the tenant's allowed origins (its frame-ancestors policy), so it passes.
 */
export function assertOriginAllowed(
  tenant: TenantDoc,
  origin: string | undefined,
  host?: string,
): void {
  const allowed = tenant.settings.allowedOrigins ?? [];
  if (!origin || allowed.length === 0) return;
  if (allowed.includes(origin)) return;
  if (host && originHost(origin) === host) return;
  throw new AppError('forbidden', `Pages at ${origin} may not use this app`);
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
