import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { repoRoot, startServices } from '../../scripts/services/index.ts';
import {
  LOCAL_POSTGRESQL_URL,
  createScratchDatabase,
  postgresqlAnswers,
} from '../../scripts/services/postgresql.ts';
import type { ScratchDatabase } from '../../scripts/services/postgresql.ts';

export interface ProvidedServices {
  /** The store's address without a database name; it ends in `/`. */
  storeUrl: string;
  redisUrl: string;
  masterKey: string;
  /** Unique per run; test files name their own databases after it. */
  runId: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: ProvidedServices;
  }
}

/**
 * Starts the store and Redis once for the whole run (or uses MONGODB_URI and REDIS_URL when
 * given) and hands their addresses to every test file; each file uses a database of its own.
 *
 * The bundled store keeps its data in PostgreSQL when a server answers (STORE_POSTGRESQL_URL,
 * else this machine's default address), in a database made for this run and dropped after it;
 * otherwise in SQLite files. STORE_BACKEND=sqlite forces SQLite. The PostgreSQL backend filters
 * inside PostgreSQL, where the SQLite one decodes every document of a collection for each
 * query, which the large-group suites cannot afford.
 */
export default async function setup(project: TestProject) {
  const runId = `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  // Each run has its own folder, so runs side by side never share a store's files.
  const runs = path.join(repoRoot, '.confab', 'test-runs');
  await mkdir(runs, { recursive: true });
  const dataDir = await mkdtemp(path.join(runs, 'run-'));
  const log = (line: string) => console.log(`[services] ${line}`);

  const scratch = await scratchPostgresql(runId);
  const env = scratch ? { ...process.env, STORE_POSTGRESQL_URL: scratch.url } : process.env;
  const services = await startServices({ dataDir, log, env }).catch(async (error: unknown) => {
    await scratch?.drop();
    throw error;
  });

  project.provide('services', {
    storeUrl: services.mongodbUri.replace(/\/?$/, '/'),
    redisUrl: services.redisUrl,
    masterKey: randomBytes(32).toString('hex'),
    runId,
  });

  return async () => {
    await services.stop();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

async function scratchPostgresql(runId: string): Promise<ScratchDatabase | undefined> {
  if (process.env.MONGODB_URI || process.env.STORE_BACKEND === 'sqlite') return undefined;
  const adminUrl = process.env.STORE_POSTGRESQL_URL || LOCAL_POSTGRESQL_URL;
  if (!(await postgresqlAnswers(adminUrl))) {
    if (process.env.STORE_POSTGRESQL_URL) {
      throw new Error('STORE_POSTGRESQL_URL does not answer; fix it or unset it to use SQLite');
    }
    console.log('[services] no PostgreSQL server answers; the store uses SQLite files');
    return undefined;
  }
  return createScratchDatabase(adminUrl, `confab_${runId}`);
}
