import { AuthError, ConfabClient } from '@confab/sdk';
import type { ConnectionStatus } from '@confab/sdk';
import { signUserToken } from '@confab/server';
import type { RunningApi } from '@confab/server';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi, storeUri } from '../helpers/api.js';
import type { TestTenant } from '../helpers/api.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import { closeSdkClients, recordChanges, sdkClient, until } from '../helpers/sdk.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterEach(async () => {
  closeAllClients();
  await closeSdkClients();
});

afterAll(async () => {
  await api?.close();
});

/** A token signed as the tenant's backend would sign it, valid for `seconds`. */
function shortToken(tenant: TestTenant, userId: string, seconds: number): string {
  return signUserToken(tenant.keyId, tenant.secret, userId, seconds).token;
}

describe('sdk session', () => {
  it('refreshes the token while connected without dropping the session or an event', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    let issued = 0;
    const alice = sdkClient(api.url, {
      token: () => {
        issued += 1;
        return shortToken(tenant, 'alice', 2);
      },
    });
    const statuses: ConnectionStatus[] = [];
    alice.on('connection', (state) => statuses.push(state.status));
    const changes = recordChanges(alice);
    const bob = sdkClient(api.url, { token: await tenant.token('bob') });
    await Promise.all([alice.connect(), bob.connect()]);
    const chat = await bob.conversations.openDirect('alice');

    // Bob keeps writing while Alice's token is replaced twice.
    const sent: number[] = [];
    const deadline = Date.now() + 20_000;
    while (issued < 3 && Date.now() < deadline) {
      sent.push((await bob.messages.send(chat.id, `n${sent.length}`)).seq);
    }
    expect(issued).toBeGreaterThanOrEqual(3);

    await waitFor(() => changes.filter((c) => c.type === 'message.new').length === sent.length, {
      what: 'every message at alice',
    });
    expect(changes.map((c) => c.seq)).toEqual(sent);
    expect(statuses).not.toContain('reconnecting');
    expect(alice.connectionState.status).toBe('connected');
  });

  it('stops with token_expired when a fixed token runs out, and catches up after setToken', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const expiring = shortToken(tenant, 'alice', 2);
    const raw = await connect(api.url, expiring);
    const alice = sdkClient(api.url, { token: expiring });
    const changes = recordChanges(alice);
    const bob = sdkClient(api.url, { token: await tenant.token('bob') });
    await Promise.all([alice.connect(), bob.connect()]);
    const chat = await bob.conversations.openDirect('alice');
    await bob.messages.send(chat.id, 'before expiry');

    const failed = await until(alice.state.connection(), (c) => c.status === 'failed', 'expiry');
    expect(failed.error).toBeInstanceOf(AuthError);
    expect(failed.error?.code).toBe('token_expired');
    await waitFor(() => raw.events('session.expired').length === 1, { what: 'raw expiry' });
    const rawSeen = raw.received.length;

    const pending = alice.messages.send(chat.id, 'written while expired');
    await expect(alice.conversations.list()).rejects.toMatchObject({ code: 'token_expired' });
    for (const text of ['while expired 1', 'while expired 2'])
      await bob.messages.send(chat.id, text);
    expect(alice.state.outbox().get()).toMatchObject([{ status: 'pending' }]);
    expect(raw.received.length).toBe(rawSeen);
    expect(raw.socket.connected).toBe(false);

    await expect(connect(api.url, expiring)).rejects.toMatchObject({
      data: { code: 'token_expired' },
    });
    const late = new ConfabClient({ url: api.url, token: expiring });
    await expect(late.connect()).rejects.toMatchObject({ code: 'token_expired' });
    await late.close();

    alice.setToken(await tenant.token('alice'));
    const mine = await pending;
    await until(alice.state.connection(), (c) => c.synced, 'alice caught up');
    await waitFor(() => changes.length === 4, { what: 'four changes at alice' });
    expect(changes.map((c) => (c.type === 'message.new' ? c.message.text : c.type))).toEqual([
      'before expiry',
      'while expired 1',
      'while expired 2',
      'written while expired',
    ]);
    expect(changes.at(-1)?.seq).toBe(mine.seq);
  });

  it('stops at once with forbidden when the tenant does not allow the page origin', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice');
    await tenant.settings({ allowedOrigins: ['https://shop.example'] });
    let issued = 0;
    const alice = sdkClient(api.url, {
      token: () => {
        issued += 1;
        return tenant.token('alice');
      },
      socket: { extraHeaders: { origin: 'https://elsewhere.example' } },
    });
    await expect(alice.connect()).rejects.toMatchObject({ code: 'forbidden' });
    const state = alice.state.connection().get();
    expect(state.status).toBe('failed');
    expect(state.error).toMatchObject({ code: 'forbidden' });
    // One token, one attempt: no refresh and no backoff loop against a refusal that stays.
    expect(issued).toBe(1);

    const allowed = sdkClient(api.url, {
      token: await tenant.token('alice'),
      socket: { extraHeaders: { origin: 'https://shop.example' } },
    });
    await allowed.connect();
    expect(allowed.state.connection().get().status).toBe('connected');
  });

  it('stops retrying with user_banned once the user is banned', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('mallory');
    const mallory = sdkClient(api.url, { token: () => tenant.token('mallory') });
    await mallory.connect();

    const store = await MongoClient.connect(storeUri());
    try {
      await store
        .db()
        .collection('users')
        .updateOne({ tenantId: tenant.appId, userId: 'mallory' }, { $set: { banned: true } });
    } finally {
      await store.close();
    }
    // What banning does to live sockets; the SDK must then not come back.
    api.io.in(`t:${tenant.appId}:u:mallory`).disconnectSockets(true);

    const state = await until(mallory.state.connection(), (c) => c.status === 'failed', 'ban');
    expect(state.error).toMatchObject({ code: 'user_banned' });
    await expect(mallory.contacts.list()).rejects.toMatchObject({ code: 'user_banned' });
  });
});
