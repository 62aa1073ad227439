/** What other packages of the repository (tests, demo, benchmarks) use from the server. */
export { startApi } from './api.js';
export { startWorker } from './jobs/worker.js';
export type { RunningWorker } from './jobs/worker.js';
export { JobQueues } from './jobs/queues.js';
export { signatureHeader } from './domain/webhooks.js';
export { generateVapidKeys } from './domain/push.js';
export type { RunningApi } from './api.js';
export { loadConfig } from './config.js';
export type { Config } from './config.js';
export { createLogger } from './logger.js';
export { connectStore, disconnectStore } from './store/connect.js';
export { createTenant, getTenant, updateTenantSettings } from './domain/tenants.js';
export type { CreatedTenant } from './domain/tenants.js';
export { createApiKey } from './auth/api-keys.js';
export { signUserToken } from './auth/user-tokens.js';
export { createAdmin } from './admin/accounts.js';
export { PERMISSIONS } from './admin/permissions.js';
