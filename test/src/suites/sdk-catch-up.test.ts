import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { catchUpScenario } from '../scenarios/catch-up.js';

let api: RunningApi;

beforeAll(async () => {
  // A thousand sends from one user in seconds: far past the per-user send limit.
  api = await startTestApi({ RATE_SENDS_PER_10S: '0' });
});

afterAll(async () => {
  await api?.close();
});

describe('sdk catch-up after a network drop', () => {
  it('delivers 1,000 changes missed while offline, each once and in seq order', async () => {
    const tenant = await createTestTenant(api);
    const result = await catchUpScenario(api, tenant, { changes: 1_000, conversations: 10 });
    expect(result.changes).toBe(1_000);
    // A figure for the log only; the speed target lives in the benchmark (npm run bench).
    console.log(
      `[sdk catch-up] ${result.changes} changes in ${result.conversations} conversations: ` +
        `reconnect ${result.reconnectMs} ms, catch-up ${result.catchUpMs} ms ` +
        `(writing them took ${result.writeMs} ms)`,
    );
  }, 120_000);
});
