import { randomBytes } from 'node:crypto';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { repoRoot, startServices } from '../../scripts/services/index.ts';

export interface ProvidedServices {
  mongodbUri: string;
  redisUrl: string;
  masterKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: ProvidedServices;
  }
}

/**
 * Starts the store and Redis once for the whole run (or uses MONGODB_URI and REDIS_URL when
 * given) and hands their addresses to every test file. Each run gets its own database.
 */
export default async function setup(project: TestProject) {
  const dataDir = path.join(repoRoot, '.confab', 'test-services');
  const services = await startServices({
    dataDir,
    log: (line) => console.log(`[services] ${line}`),
  });
  const database = `confab_test_${Date.now().toString(36)}`;

  project.provide('services', {
    mongodbUri: `${services.mongodbUri.replace(/\/?$/, '/')}${database}`,
    redisUrl: services.redisUrl,
    masterKey: randomBytes(32).toString('hex'),
  });

  return async () => {
    await services.stop();
  };
}
