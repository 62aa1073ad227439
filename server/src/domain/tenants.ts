import { createApiKey } from '../auth/api-keys.js';
import type { IssuedKey } from '../auth/api-keys.js';
import { randomId } from '../auth/ids.js';
import { notFound } from '../errors.js';
import { Tenant } from '../store/models/index.js';
import type { TenantDoc } from '../store/models/index.js';

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
