import { createApiKey } from '../auth/api-keys.js';
import type { IssuedKey } from '../auth/api-keys.js';
import { randomId } from '../auth/ids.js';
import { notFound } from '../errors.js';
import { Tenant } from '../store/models/index.js';
import type { TenantDoc, TenantSettings } from '../store/models/index.js';

export interface CreatedTenant {
  appId: string;
  name: string;
  key: IssuedKey;
}

/**
 * Creates a tenant and its first API key. The tenant is written first: a crash before the
 * key exists leaves a tenant with no key, which the operator CLI can give one later.
 */
export async function createTenant(masterKey: Buffer, name: string): Promise<CreatedTenant> {
  const appId = randomId('app', 9);
  await Tenant.create({ _id: appId, name });
  const key = await createApiKey(masterKey, appId);
  return { appId, name, key };
}

export async function getTenant(tenantId: string): Promise<TenantDoc> {
  const tenant = await Tenant.findById(tenantId).lean();
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

/** How long a tenant's settings may be served from memory after they were read, in ms. */
const TENANT_CACHE_MS = 2_000;
const cache = new Map<string, { tenant: TenantDoc; until: number }>();

/**
 * The tenant, read at most once per TENANT_CACHE_MS per process, so a change of settings
 * reaches every connected user within that time without a read per request.
 */
export async function cachedTenant(tenantId: string): Promise<TenantDoc> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > Date.now()) return hit.tenant;
  const tenant = await getTenant(tenantId);
  cache.set(tenantId, { tenant, until: Date.now() + TENANT_CACHE_MS });
  return tenant;
}

/** Forgets a tenant read earlier in this process, after changing it here. */
export function forgetTenant(tenantId: string): void {
  cache.delete(tenantId);
}

/** Changes some of a tenant's settings; the others keep their values. */
export async function updateTenantSettings(
  tenantId: string,
  patch: Partial<TenantSettings>,
): Promise<TenantDoc> {
  const set = Object.fromEntries(
    Object.entries(patch).map(([key, value]) => [`settings.${key}`, value]),
  );
  const tenant = await Tenant.findOneAndUpdate(
    { _id: tenantId },
    { $set: set },
    { new: true },
  ).lean();
  if (!tenant) throw notFound('Tenant');
  forgetTenant(tenantId);
  return tenant;
}
