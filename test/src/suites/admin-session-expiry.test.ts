import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signedInStaff } from '../helpers/admin.js';
import { createTestTenant, startTestApi } from '../helpers/api.js';

// Its own Redis prefix, so this api's console sessions are the only ones under it.
const prefix = `idle${Date.now().toString(36)}:`;
const IDLE_SECONDS = 600;
let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi({
    ADMIN_SESSION_IDLE_SECONDS: String(IDLE_SECONDS),
    REDIS_PREFIX: prefix,
  });
});

afterAll(async () => {
  await api?.close();
});

describe('console session expiry', () => {
  it('keeps a session for ADMIN_SESSION_IDLE_SECONDS after each request, then ends it', async () => {
    const tenant = await createTestTenant(api);
    const staff = await signedInStaff(api, tenant, 'viewer');
    expect((await staff.get('/session')).status).toBe(200);

    const redis = api.context.redis;
    const [key] = await redis.keys(`${prefix}admin:session:*`);
    expect(key).toBeDefined();
    const ttl = await redis.pttl(key!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(IDLE_SECONDS * 1000);

    // Waiting out the idle time would make the test slow; lapse the session as Redis would.
    await redis.pexpire(key!, 1);
    await expect.poll(() => redis.exists(key!), { timeout: 10_000 }).toBe(0);
    const after = await staff.get('/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });
});
