import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { loadConfig } from '@confab/server';
import type { RunningApi } from '@confab/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestApi, storeUri } from '../helpers/api.js';
import { connect } from '../helpers/clients.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../server/dist/cli/confab.js', import.meta.url));

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

describe('health', () => {
  it('answers /healthz and reports the store and Redis in /readyz', async () => {
    expect((await request(api.http).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(api.http).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', store: 'ok', redis: 'ok' });
  });

  it('sends security headers', async () => {
    const res = await request(api.http).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('configuration', () => {
  it('names every bad or missing variable', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', MONGODB_URI: 'http://x', MASTER_KEY: 'short' }),
    ).toThrow(
      /PORT[\s\S]*MONGODB_URI: must be a mongodb:\/\/ URI[\s\S]*REDIS_URL: is required[\s\S]*MASTER_KEY: must be 32 bytes/,
    );
  });
});

describe('operator CLI', () => {
  it('creates a tenant whose key can issue tokens that connect', async () => {
    const services = inject('services');
    const env = {
      ...process.env,
      MONGODB_URI: storeUri(),
      MASTER_KEY: services.masterKey,
    };
    const { stdout } = await run(
      process.execPath,
      [cli, 'tenant', 'create', '--name', 'Acme', '--json'],
      { env },
    );
    const created = JSON.parse(stdout) as { appId: string; keyId: string; secret: string };
    expect(created.appId).toMatch(/^app_/);
    expect(created.keyId).toMatch(/^key_/);

    const auth = `Basic ${Buffer.from(`${created.keyId}:${created.secret}`).toString('base64')}`;
    const users = await request(api.http)
      .post('/server/v1/users')
      .set('Authorization', auth)
      .send({ users: [{ id: 'ops-user', name: 'Ops' }] });
    expect(users.status).toBe(200);
    const token = await request(api.http)
      .post('/server/v1/tokens')
      .set('Authorization', auth)
      .send({ userId: 'ops-user' });
    const client = await connect(api.url, token.body.token);
    expect((await client.ok('conversation.list', {})).conversations).toEqual([]);
    client.close();
  });

  it('stops with a message when the store variables are missing', async () => {
    const env = { PATH: process.env.PATH };
    await expect(
      run(process.execPath, [cli, 'tenant', 'create', '--name', 'X'], { env }),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/MONGODB_URI: is required/),
    });
  });
});
