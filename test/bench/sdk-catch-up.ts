// `npm run bench`: how fast the SDK catches up after a network drop. Starts the store and
// Redis (or uses MONGODB_URI / REDIS_URL), an api, and runs the catch-up scenario of the test
// suite at benchmark sizes. Exits non-zero when a run misses its target.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createTenant, loadConfig, startApi } from '@confab/server';
import type { RunningApi } from '@confab/server';

import { startServices } from '../../scripts/services/index.ts';
import {
  LOCAL_POSTGRESQL_URL,
  createScratchDatabase,
  postgresqlAnswers,
} from '../../scripts/services/postgresql.ts';
import type { TestTenant } from '../src/helpers/api.js';
import { catchUpScenario } from '../src/scenarios/catch-up.js';

/** Reconnected to caught up, for 1,000 missed changes, at most this long (ms). */
const TARGET_CATCH_UP_MS = 3_000;

const runs = [
  { changes: 1_000, conversations: 10 },
  { changes: 1_000, conversations: 1 },
];

async function benchTenant(api: RunningApi): Promise<Pick<TestTenant, 'addUsers' | 'token'>> {
  const made = await createTenant(api.context.config.MASTER_KEY, 'Bench');
  const auth = `Basic ${Buffer.from(`${made.key.keyId}:${made.key.secret}`).toString('base64')}`;
  const call = async (route: string, body: object) => {
    const res = await fetch(`${api.url}/server/v1${route}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${route} failed: ${await res.text()}`);
    return res.json() as Promise<{ token?: string }>;
  };
  return {
    async addUsers(...ids) {
      await call('/users', { users: ids.map((id) => ({ id })) });
    },
    async token(userId) {
      return (await call('/tokens', { userId })).token!;
    },
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'confab-bench-'));
  const runId = `bench_${randomBytes(3).toString('hex')}`;
  const usePg = !process.env.MONGODB_URI && (await postgresqlAnswers(LOCAL_POSTGRESQL_URL));
  const scratch = usePg ? await createScratchDatabase(LOCAL_POSTGRESQL_URL, runId) : undefined;
  const env = scratch ? { ...process.env, STORE_POSTGRESQL_URL: scratch.url } : process.env;
  const services = await startServices({ dataDir, env });
  let api: RunningApi | undefined;
  let failed = false;
  try {
    api = await startApi(
      loadConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        // The scenario sends a thousand messages from one user as fast as it can.
        RATE_SENDS_PER_10S: '0',
        MONGODB_URI: `${services.mongodbUri.replace(/\/?$/, '/')}${runId}`,
        REDIS_URL: services.redisUrl,
        MASTER_KEY: randomBytes(32).toString('hex'),
      }),
    );
    for (const run of runs) {
      const result = await catchUpScenario(api, await benchTenant(api), run);
      const ok = result.catchUpMs <= TARGET_CATCH_UP_MS;
      failed ||= !ok;
      console.log(
        `${ok ? 'ok  ' : 'SLOW'} ${result.changes} changes in ${result.conversations} ` +
          `conversation(s): catch-up ${result.catchUpMs} ms (target ${TARGET_CATCH_UP_MS}), ` +
          `reconnect ${result.reconnectMs} ms, writing ${result.writeMs} ms`,
      );
    }
  } finally {
    await api?.close();
    await services.stop();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
