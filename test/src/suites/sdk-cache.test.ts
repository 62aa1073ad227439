// IndexedDB as a browser has it, so the SDK's browser storage runs here as it does there.
import 'fake-indexeddb/auto';

import { IndexedDbStorage, MemoryStorage } from '@confab/sdk';
import type { ConfabClient, KeyValueStorage } from '@confab/sdk';
import type { RunningApi } from '@confab/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { startApiProcess, stopApiProcesses } from '../helpers/api-process.js';
import type { ApiProcess } from '../helpers/api-process.js';
import type { TestTenant } from '../helpers/api.js';
import { closeSdkClients, recordChanges, sdkClient, textsOf, until } from '../helpers/sdk.js';

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

/**
 * Bob's device: connects through its own api process, holds the chat with Alice, and closes.
 */
async function firstVisit(tenant: TestTenant, storage: KeyValueStorage, node?: ApiProcess) {
  const url = node?.url ?? api.url;
  const alice = sdkClient(api.url, { token: await tenant.token('alice') });
  await alice.connect();
  const chat = await alice.conversations.openDirect('bob');
  for (const text of ['hello', 'from', 'alice']) await alice.messages.send(chat.id, text);

  const bob = sdkClient(url, { token: await tenant.token('bob'), storage });
  await bob.connect();
  bob.state.messages(chat.id).subscribe(() => undefined);
  await until(bob.state.messages(chat.id), (v) => v.messages.length === 3, 'bob holds three');
  await bob.close();
  return { alice, chatId: chat.id };
}

/** Bob's device again, with its server gone. */
async function offlineVisit(
  tenant: TestTenant,
  storage: KeyValueStorage,
  node: ApiProcess,
): Promise<ConfabClient> {
  await node.kill();
  const bob = sdkClient(node.url, { token: await tenant.token('bob'), storage });
  void bob.connect();
  return bob;
}

describe('sdk history cache', () => {
  it('shows the last conversations and messages at once after a reload, with no server', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const storage = new MemoryStorage();
    const node = await startApiProcess();
    const { chatId } = await firstVisit(tenant, storage, node);

    const bob = await offlineVisit(tenant, storage, node);
    await until(bob.state.conversations(), (list) => list.length === 1, 'cached list');
    expect(textsOf(bob, chatId)).toEqual(['hello', 'from', 'alice']);
    expect(bob.state.unread().get().total).toBe(3);
    expect(bob.state.connection().get().status).toMatch(/connecting|reconnecting/);
  });

  it('keeps the cache in IndexedDB across page loads', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const name = `confab-${tenant.appId}`;
    const first = new IndexedDbStorage(name);
    const node = await startApiProcess();
    const { chatId } = await firstVisit(tenant, first, node);
    await first.close();

    const reloaded = new IndexedDbStorage(name);
    const bob = await offlineVisit(tenant, reloaded, node);
    await until(bob.state.messages(chatId), (v) => v.messages.length === 3, 'read from IndexedDB');
    expect(textsOf(bob, chatId)).toEqual(['hello', 'from', 'alice']);
    const keys = await reloaded.keys('confab:v1:');
    expect(keys.every((key) => key.includes(`:${tenant.keyId}:bob:`))).toBe(true);
  });

  it('resumes from the cached position after a reload and delivers only what came since', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const storage = new MemoryStorage();
    const { alice, chatId } = await firstVisit(tenant, storage);
    await alice.messages.send(chatId, 'while bob was away');
    await alice.messages.edit(chatId, 1, 'hello (edited)');

    const bob = sdkClient(api.url, { token: await tenant.token('bob'), storage });
    const changes = recordChanges(bob);
    await bob.connect();
    expect(changes.map((c) => c.type)).toEqual(['message.new', 'message.edited']);
    expect(textsOf(bob, chatId)).toEqual(['hello (edited)', 'from', 'alice', 'while bob was away']);
  });
});
