import type { AppContext } from '../context.js';
import type { Logger } from '../logger.js';
import type { AdminDoc, TenantDoc } from '../store/models/index.js';

/** One signed-in member of a tenant's staff making one console request. */
export interface AdminContext {
  app: AppContext;
  tenant: TenantDoc;
  admin: AdminDoc;
  log: Logger;
}

/** The sender and actor id under which staff changes appear to users. */
export function staffActor(admin: AdminDoc): string {
  return `staff:${admin._id}`;
}
