import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { closeSdkClients, recordChanges, sdkClient, textsOf, until } from '../helpers/sdk.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterEach(async () => {
  await closeSdkClients();
});

afterAll(async () => {
  await api?.close();
});

describe('sdk sync', () => {
  it('shows a conversation and its messages to both users as they chat', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const alice = sdkClient(api.url, { token: await tenant.token('alice') });
    const bob = sdkClient(api.url, { token: await tenant.token('bob') });
    await Promise.all([alice.connect(), bob.connect()]);

    const chat = await alice.conversations.openDirect('bob');
    await alice.messages.send(chat.id, 'hi bob');
    await alice.messages.send(chat.id, 'are you there?');
    await until(bob.state.conversations(), (list) => list.length === 1, 'bob sees the chat');
    const bobView = bob.state.messages(chat.id);
    const stop = bobView.subscribe(() => undefined);
    await until(bobView, (v) => v.messages.length === 2, 'bob sees two messages');
    expect(textsOf(bob, chat.id)).toEqual(['hi bob', 'are you there?']);
    expect(bob.state.unread().get()).toEqual({ total: 2, byConversation: { [chat.id]: 2 } });
    stop();
  });

  it('detects a gap in received seqs and fills it from the log', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const alice = sdkClient(api.url, { token: await tenant.token('alice') });
    const bob = sdkClient(api.url, { token: await tenant.token('bob') });
    const changes = recordChanges(bob);
    await Promise.all([alice.connect(), bob.connect()]);
    const chat = await alice.conversations.openDirect('bob');
    await alice.messages.send(chat.id, 'one');
    await waitFor(() => changes.length === 1, { what: 'first message at bob' });

    // Bob's sockets miss the next message, as a lost broadcast would.
    const bobRoom = `t:${tenant.appId}:u:bob`;
    const chatRoom = `t:${tenant.appId}:c:${chat.id}`;
    api.io.in(bobRoom).socketsLeave(chatRoom);
    await alice.messages.send(chat.id, 'two (missed live)');
    api.io.in(bobRoom).socketsJoin(chatRoom);
    await alice.messages.send(chat.id, 'three');

    await waitFor(() => changes.length === 3, { what: 'all three at bob' });
    expect(changes.map((c) => c.seq)).toEqual([1, 2, 3]);
    bob.state.messages(chat.id).subscribe(() => undefined);
    await until(bob.state.messages(chat.id), (v) => v.messages.length === 3, 'three held');
    expect(textsOf(bob, chat.id)).toEqual(['one', 'two (missed live)', 'three']);
  });
});
