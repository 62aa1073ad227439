import { randomBytes } from 'node:crypto';

import { createTenant, loadConfig, startApi, updateTenantSettings } from '@confab/server';
import type { RunningApi } from '@confab/server';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import request from 'supertest';
import { inject } from 'vitest';

/**
 * This test file's own database, so each file starts empty and its collections stay as small
 * as its own tests make them. Test files run in processes of their own, so a module constant
 * is per file.
 */
const fileDatabase = `${inject('services').runId}_${randomBytes(3).toString('hex')}`;

/** The store URI of this test file's database. */
export function storeUri(): string {
  return `${inject('services').storeUrl}${fileDatabase}`;
}

/** The environment of an api under test: the run's services, a free port, quiet logs. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const services = inject('services');
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: storeUri(),
    REDIS_URL: services.redisUrl,
    MASTER_KEY: services.masterKey,
    // Redis keys, channels and job queues of its own, like its database.
    REDIS_PREFIX: `${fileDatabase}:`,
    // Every test client comes from the loopback address: limits per address would count a
    // whole file's clients as one. The rate-limit suite turns them on for itself.
    RATE_CONNECTS_PER_ADDRESS_PER_MIN: '0',
    RATE_TOKENS_PER_ADDRESS_PER_MIN: '0',
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig(testEnv(overrides));
}

/** Starts a real api process part (Express + Socket.IO) in this test worker. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<RunningApi> {
  return startApi(testConfig(overrides));
}

export interface TestTenant {
  appId: string;
  keyId: string;
  secret: string;
  /** The server API, authenticated as this tenant's backend. */
  server: {
    post(path: string, body: object): request.Test;
    get(path: string): request.Test;
    delete(path: string, body?: object): request.Test;
    patch(path: string, body: object): request.Test;
  };
  /** Creates (or updates) users by id; their names are the ids unless given. */
  addUsers(...ids: string[]): Promise<void>;
  /** A token for a user, issued through the server API. */
  token(userId: string, ttlSeconds?: number): Promise<string>;
  /** Changes some of the tenant's settings (recall window, large-group threshold, ...). */
  settings(patch: Parameters<typeof updateTenantSettings>[1]): Promise<void>;
  /** REST calls to the user API as one user. */
  rest(userId: string): Promise<UserRest>;
}

export interface UserRest {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string, body?: object): request.Test;
}

/** A fresh tenant per test keeps tests apart while they share the store. */
export async function createTestTenant(api: RunningApi, name = 'Test tenant'): Promise<TestTenant> {
  const made = await createTenant(api.context.config.MASTER_KEY, name);
  const auth = `Basic ${Buffer.from(`${made.key.keyId}:${made.key.secret}`).toString('base64')}`;
  const server = {
    post: (path: string, body: object) =>
      request(api.http).post(`/server/v1${path}`).set('Authorization', auth).send(body),
    get: (path: string) => request(api.http).get(`/server/v1${path}`).set('Authorization', auth),
    delete: (path: string, body?: object) =>
      request(api.http).delete(`/server/v1${path}`).set('Authorization', auth).send(body),
    patch: (path: string, body: object) =>
      request(api.http).patch(`/server/v1${path}`).set('Authorization', auth).send(body),
  };

  return {
    appId: made.appId,
    keyId: made.key.keyId,
    secret: made.key.secret,
    server,
    async addUsers(...ids) {
      const res = await server.post('/users', { users: ids.map((id) => ({ id })) });
      if (res.status !== 200) throw new Error(`addUsers failed: ${JSON.stringify(res.body)}`);
    },
    async token(userId, ttlSeconds = 3600) {
      const res = await server.post('/tokens', { userId, ttlSeconds });
      if (res.status !== 200) throw new Error(`token failed: ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async settings(patch) {
      await updateTenantSettings(made.appId, patch);
    },
    async rest(userId) {
      const res = await server.post('/tokens', { userId });
      const bearer = `Bearer ${res.body.token as string}`;
      const call =
        (method: 'get' | 'post' | 'put' | 'patch' | 'delete') => (path: string, body?: object) =>
          request(api.http)[method](`/v1${path}`).set('Authorization', bearer).send(body);
      return {
        get: (path: string) => request(api.http).get(`/v1${path}`).set('Authorization', bearer),
        post: call('post'),
        put: call('put'),
        patch: call('patch'),
        delete: call('delete'),
      };
    },
  };
}

/**
 * The raw store of this test file, to check what is stored (erased text, say) beneath the
 * api. Closed by the caller.
 */
export async function rawStore(): Promise<{ db: Db; close(): Promise<void> }> {
  const client = await MongoClient.connect(storeUri());
  return { db: client.db(), close: () => client.close() };
}
