import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { startApiProcess, stopApiProcesses } from '../helpers/api-process.js';
import { closeSdkClients, recordChanges, sdkClient, textsOf, until } from '../helpers/sdk.js';
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

  it('delivers concurrent sends through two api nodes once each, in seq order', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben', 'cid');
    const other = await startApiProcess();
    const ann = sdkClient(api.url, { token: await tenant.token('ann') });
    const ben = sdkClient(other.url, { token: await tenant.token('ben') });
    const cid = sdkClient(other.url, { token: await tenant.token('cid') });
    const changes = recordChanges(cid);
    await Promise.all([ann.connect(), ben.connect(), cid.connect()]);
    const group = await ann.conversations.createGroup({ title: 'G', memberIds: ['ben', 'cid'] });
    await until(ben.state.conversations(), (list) => list.length === 1, 'ben has the group');

    const sent = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => ann.messages.send(group.id, `ann ${i}`)),
      ...Array.from({ length: 30 }, (_, i) => ben.messages.send(group.id, `ben ${i}`)),
    ]);
    const seqs = sent.map((m) => m.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(60);

    const texts = () =>
      changes.filter((c) => c.type === 'message.new' && c.message.type === 'text');
    await waitFor(() => texts().length === 60, { what: 'all sixty at cid' });
    expect(
      texts()
        .map((c) => c.seq)
        .sort((a, b) => a - b),
    ).toEqual(seqs);
    const view = cid.state.messages(group.id);
    view.subscribe(() => undefined);
    const held = view
      .get()
      .messages.filter((m) => m.type === 'text')
      .map((m) => m.seq);
    expect(held).toEqual(seqs);
  });
});
