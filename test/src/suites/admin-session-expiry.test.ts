import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signedInStaff } from '../helpers/admin.js';
import { createTestTenant, startTestApi } from '../helpers/api.js';
import { waitFor } from '../helpers/wait.js';

// Its own Redis prefix, so this api's console sessions are the only ones under it.
const prefix = `idle${Date.now().toString(36)}:`;
let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi({ ADMIN_SESSION_IDLE_SECONDS: '1', REDIS_PREFIX: prefix });
});

afterAll(async () => {
  await api?.close();
});

describe('console session expiry', () => {
  it('ends a session left idle past ADMIN_SESSION_IDLE_SECONDS', async () => {
    const tenant = await createTestTenant(api);
    const staff = await signedInStaff(api, tenant, 'viewer');
    expect((await staff.get('/session')).status).toBe(200);

    // Any request would renew the session, so watch Redis until it lapses.
    const redis = api.context.redis;
    await waitFor(async () => (await redis.keys(`${prefix}admin:session:*`)).length === 0, {
      intervalMs: 100,
      what: 'the idle session to lapse',
    });
    const after = await staff.get('/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });
});
