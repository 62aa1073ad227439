import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Message } from '@confab/sdk';
import type { RunningApi } from '@confab/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startRedis, startStore } from '../../../scripts/services/index.ts';
import type { RunningService } from '../../../scripts/services/index.ts';
import { createTestTenant, startTestApi } from '../helpers/api.js';
import { startApiProcess, stopApiProcesses } from '../helpers/api-process.js';
import { closeSdkClients, sdkClient, until } from '../helpers/sdk.js';
import { createTenantIn } from '../helpers/tenant-in.js';
import { textHistory } from '../helpers/history.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterEach(async () => {
  await closeSdkClients();
  await stopApiProcesses();
});

afterAll(async () => {
  await api?.close();
});

describe('an api killed with SIGKILL, again and again, while a client sends', () => {
  it('loses no acknowledged message and stores none twice', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'bob');
    let node = await startApiProcess();
    const port = node.port;
    const ann = sdkClient(node.url, { token: () => tenant.token('ann') });
    await ann.connect();
    const chat = await ann.conversations.openDirect('bob');

    const texts = Array.from({ length: 40 }, (_, i) => `message ${i}`);
    const sends: Promise<Message>[] = [];
    const writing = (async () => {
      for (const text of texts) {
        sends.push(ann.messages.send(chat.id, text));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    let crashes = 0;
    const crashing = (async () => {
      while (crashes < 5) {
        await new Promise((resolve) => setTimeout(resolve, 300 + crashes * 100));
        await node.kill();
        crashes += 1;
        node = await startApiProcess({ port });
      }
    })();
    await Promise.all([writing, crashing]);
    const acked = await Promise.all(sends);

    expect(crashes).toBe(5);
    expect(acked.map((m) => m.text)).toEqual(texts);
    const stored = await textHistory(api.url, await tenant.token('bob'), chat.id);
    expect(stored.map((m) => m.text)).toEqual(texts);
    expect(new Set(stored.map((m) => m.clientId)).size).toBe(texts.length);
    expect(stored.map((m) => m.seq)).toEqual(acked.map((m) => m.seq));
  }, 120_000);
});

describe('Redis and then the store restarted under a running api', () => {
  let dataDir: string;
  let redis: RunningService | undefined;
  let store: RunningService | undefined;

  afterAll(async () => {
    await redis?.stop();
    await store?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('reports not ready while either is down, recovers without a restart, and clients resume', async () => {
    // Services of its own: the run's shared ones serve every other suite meanwhile.
    dataDir = await mkdtemp(join(tmpdir(), 'confab-restart-'));
    redis = await startRedis({ dataDir });
    store = await startStore({ dataDir });
    const redisPort = Number(new URL(redis.url).port);
    const storePort = Number(new URL(store.url).port);
    const env = { MONGODB_URI: `${store.url}restart`, REDIS_URL: redis.url };
    const node = await startApiProcess({ env });
    const ready = async () => {
      const res = await fetch(`${node.url}/readyz`);
      const body = (await res.json()) as { store: string; redis: string };
      return { code: res.status, store: body.store, redis: body.redis };
    };
    expect(await ready()).toEqual({ code: 200, store: 'ok', redis: 'ok' });
    const tenant = await createTenantIn(node.url, env.MONGODB_URI);
    const ann = sdkClient(node.url, { token: () => tenant.token('ann') });
    const bob = sdkClient(node.url, { token: () => tenant.token('bob') });
    await Promise.all([ann.connect(), bob.connect()]);
    const chat = await ann.conversations.openDirect('bob');
    await ann.messages.send(chat.id, 'before');

    await redis.stop();
    await waitFor(async () => (await ready()).redis === 'down', { what: 'redis reported down' });
    expect((await ready()).code).toBe(503);
    const duringRedis = ann.messages.send(chat.id, 'while redis was away');
    redis = await startRedis({ dataDir, port: redisPort });
    await waitFor(async () => (await ready()).code === 200, {
      timeoutMs: 30_000,
      what: 'ready again',
    });
    await duringRedis;

    await store.stop();
    await waitFor(async () => (await ready()).store === 'down', {
      timeoutMs: 15_000,
      what: 'store reported down',
    });
    const duringStore = ann.messages.send(chat.id, 'while the store was away');
    store = await startStore({ dataDir, port: storePort });
    await waitFor(async () => (await ready()).code === 200, {
      timeoutMs: 60_000,
      what: 'ready again',
    });
    await duringStore;

    const texts = ['before', 'while redis was away', 'while the store was away'];
    await until(bob.state.messages(chat.id), (v) => v.messages.length === 3, 'bob has all three');
    expect(
      bob.state
        .messages(chat.id)
        .get()
        .messages.map((m) => m.text),
    ).toEqual(texts);
  }, 180_000);
});
