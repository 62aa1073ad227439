import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { createAdmin } from '@confab/server';
import type { RunningApi } from '@confab/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { createTestTenant, startTestApi, storeUri } from '../helpers/api.js';
import { randomAddress, signedInStaff } from '../helpers/admin.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

const PASSWORD = 'correct horse battery';

function signIn(
  target: RunningApi,
  body: object,
  address = randomAddress(),
  agent = request.agent(target.http),
) {
  return agent
    .post('/admin/api/session')
    .set('X-Confab-Admin', '1')
    .set('X-Forwarded-For', address)
    .send(body);
}

describe('console sign-in', () => {
  it('sets an httpOnly SameSite=Strict cookie and answers the role and permissions', async () => {
    const tenant = await createTestTenant(api);
    await createAdmin(tenant.appId, {
      email: 'Owner@Example.test',
      password: PASSWORD,
      role: 'owner',
    });

    const res = await signIn(api, {
      appId: tenant.appId,
      email: 'owner@example.test',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ email: 'owner@example.test', role: 'owner' });
    expect(res.body.data.permissions).toContain('admins.manage');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^confab_admin=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(JSON.stringify(res.body)).not.toContain(cookie.split(';')[0]!.split('=')[1]);
  });

  it('refuses a wrong password, an unknown email and another app id alike', async () => {
    const tenant = await createTestTenant(api);
    const other = await createTestTenant(api);
    await createAdmin(tenant.appId, { email: 'a@example.test', password: PASSWORD, role: 'admin' });

    for (const body of [
      { appId: tenant.appId, email: 'a@example.test', password: 'wrong password!' },
      { appId: tenant.appId, email: 'nobody@example.test', password: PASSWORD },
      { appId: other.appId, email: 'a@example.test', password: PASSWORD },
    ]) {
      const res = await signIn(api, body);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'unauthorized' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('requires the console header on every call, sign-in included (CSRF)', async () => {
    const tenant = await createTestTenant(api);
    const staff = await signedInStaff(api, tenant, 'owner');
    const bare = await request(api.http)
      .post('/admin/api/session')
      .send({ appId: tenant.appId, email: staff.email, password: staff.password });
    expect(bare.status).toBe(403);
    expect(bare.body.error.code).toBe('forbidden');

    const crossSite = await staff.get('/users').set('Sec-Fetch-Site', 'cross-site');
    expect(crossSite.status).toBe(403);
    expect((await staff.get('/users')).status).toBe(200);
  });

  it('signs out: the cookie stops working', async () => {
    const tenant = await createTestTenant(api);
    const staff = await signedInStaff(api, tenant, 'viewer');
    expect((await staff.get('/session')).status).toBe(200);
    expect((await staff.delete('/session')).status).toBe(200);
    const after = await staff.get('/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });

  it('ends the sessions of an admin who is disabled or given a new password', async () => {
    const tenant = await createTestTenant(api);
    const owner = await signedInStaff(api, tenant, 'owner');
    const moderator = await signedInStaff(api, tenant, 'moderator');
    const me = (await moderator.get('/session')).body.data;

    const edit = await owner.put(`/admins/${me.id}`, {
      name: '',
      role: 'moderator',
      status: 'disabled',
    });
    expect(edit.status).toBe(200);
    expect((await moderator.get('/users')).status).toBe(401);
    const again = await signIn(api, {
      appId: tenant.appId,
      email: moderator.email,
      password: moderator.password,
    });
    expect(again.status).toBe(401);
  });
});

describe('brute-force protection', () => {
  it('locks an account after five failures, right password too, with Retry-After', async () => {
    const tenant = await createTestTenant(api);
    await createAdmin(tenant.appId, { email: 'b@example.test', password: PASSWORD, role: 'admin' });
    const account = { appId: tenant.appId, email: 'b@example.test' };

    for (let i = 0; i < 5; i += 1) {
      // A new address each time: the account's own count must lock it.
      const res = await signIn(api, { ...account, password: `wrong-${i}-password` });
      expect(res.status).toBe(401);
    }
    const locked = await signIn(api, { ...account, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('locks an address that tries many accounts', async () => {
    const tenant = await createTestTenant(api);
    await createAdmin(tenant.appId, { email: 'c@example.test', password: PASSWORD, role: 'admin' });
    const address = randomAddress();
    for (let i = 0; i < 20; i += 1) {
      const res = await signIn(
        api,
        { appId: tenant.appId, email: `guess${i}@example.test`, password: 'x' },
        address,
      );
      expect(res.status).toBe(401);
    }
    const right = { appId: tenant.appId, email: 'c@example.test', password: PASSWORD };
    expect((await signIn(api, right, address)).status).toBe(429);
    expect((await signIn(api, right, randomAddress())).status).toBe(200);
  });
});

describe('operator CLI', () => {
  it('creates the first owner with the password from standard input', async () => {
    const tenant = await createTestTenant(api);
    const cli = fileURLToPath(new URL('../../../server/dist/cli/confab.js', import.meta.url));
    const env = {
      ...process.env,
      MONGODB_URI: storeUri(),
      MASTER_KEY: inject('services').masterKey,
    };
    const args = [
      'admin',
      'create',
      '--app',
      tenant.appId,
      '--email',
      'first@example.test',
      '--password-stdin',
      '--json',
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { env });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('close', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`${code}: ${err}`)),
      );
      child.stdin.end(`${PASSWORD}\n`);
    });
    expect(JSON.parse(output)).toMatchObject({
      appId: tenant.appId,
      email: 'first@example.test',
      role: 'owner',
    });

    const res = await signIn(api, {
      appId: tenant.appId,
      email: 'first@example.test',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.role).toBe('owner');
  });
});
